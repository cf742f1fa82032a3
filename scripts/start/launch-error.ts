/** A problem the person running `npm start` can fix; printed as-is, without a stack trace. */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
}
