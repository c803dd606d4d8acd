<?xml version="1.0" encoding="UTF-8"?>
<!-- Not a brand name: must be skipped (loading it would fail). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/"><script>alert(1)</script></xsl:template>
</xsl:stylesheet>
