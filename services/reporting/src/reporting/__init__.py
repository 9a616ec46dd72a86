"""UnionHub reporting service (统计报表): indicators rolled up the organisation tree as of any date."""
