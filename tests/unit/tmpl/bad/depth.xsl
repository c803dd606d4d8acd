<?xml version="1.0" encoding="UTF-8"?>
<!-- Recursion as deep as touchpoint/n says: fine below the cap, refused above. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/">
    <p><xsl:call-template name="r">
      <xsl:with-param name="n" select="number(touchpoint/n)"/>
    </xsl:call-template></p>
  </xsl:template>
  <xsl:template name="r">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="r">
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$n = 0">bottom</xsl:if>
  </xsl:template>
</xsl:stylesheet>
