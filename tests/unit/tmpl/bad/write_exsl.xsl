<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="html" indent="no"/>
  <xsl:template match="/">
    <exsl:document href="/tmp/ppx-tmpl-test-exsl/out.txt" method="text">pwned</exsl:document>
    <p>x</p>
  </xsl:template>
</xsl:stylesheet>
