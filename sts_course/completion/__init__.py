"""Completion tracking for organizations: roster, parallel autograding, reports read from the
nbgrader gradebook with set-based SQL (SQLite or PostgreSQL), certificates and a dashboard."""
