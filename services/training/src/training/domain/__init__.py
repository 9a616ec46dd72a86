"""The training service's pure rules: classes, enrolments, certificates, employment, competitions."""
