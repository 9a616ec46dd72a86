"""UnionHub training and employment service (职工培训与就业服务)."""
