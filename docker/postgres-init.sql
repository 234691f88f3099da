-- One database per application: each owns its schema and migrates it with Flyway.
CREATE DATABASE tollgate_auth;
CREATE DATABASE tollgate_api;
CREATE DATABASE tollgate_demo;
