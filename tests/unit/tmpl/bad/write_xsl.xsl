<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/">
    <xsl:document href="/tmp/ppx-tmpl-test-xsl.txt" method="text">pwned</xsl:document>
    <p>x</p>
  </xsl:template>
</xsl:stylesheet>
