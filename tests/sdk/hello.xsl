<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="no" encoding="UTF-8"/>
  <xsl:template match="/">
    <table role="presentation" width="600" lang="{touchpoint/@lang}">
      <tr><td style="font:16px Arial,sans-serif;padding:16px">
        <xsl:value-of select="touchpoint/greeting/msg[@key='hello.greeting']"/>
      </td></tr>
    </table>
  </xsl:template>
</xsl:stylesheet>
