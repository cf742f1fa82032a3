/** dist/apps/orders/src/main.js → "orders"; anything else → "saga-workspace". */
export function serviceNameFromArgv(argv: readonly string[]): string {
  const match = argv
    .slice(1)
    .join(' ')
    .match(/apps\/([a-z-]+)\/src\/main/);
  return match?.[1] ?? 'saga-workspace';
}
