-- First start of the compose PostgreSQL: one database per app (DESIGN.md section 1).
CREATE DATABASE auth;
CREATE DATABASE orders;
