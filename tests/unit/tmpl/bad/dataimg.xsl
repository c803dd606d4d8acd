<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/"><img src="data:image/png;base64,AAAA" width="1" height="1" alt=""/></xsl:template>
</xsl:stylesheet>
