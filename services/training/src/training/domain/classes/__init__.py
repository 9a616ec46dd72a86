"""Classes (培训班), enrolments, attendance, completion and certificates."""
