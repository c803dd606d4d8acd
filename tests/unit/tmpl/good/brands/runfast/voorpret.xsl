<?xml version="1.0" encoding="UTF-8"?>
<!-- runfast's override of voorpret. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/">
    <p>runfast override for <xsl:value-of select="touchpoint/@brand"/></p>
  </xsl:template>
</xsl:stylesheet>
