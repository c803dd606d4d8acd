<?xml version="1.0" encoding="UTF-8"?>
<!-- failing.xsl - never applied (the plugin always fails); it exists
     because every loaded plugin has a template. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="html" indent="no" encoding="UTF-8"/>
<xsl:template match="/">
<table role="presentation" lang="{/touchpoint/@lang}"><tr><td><xsl:value-of select="/touchpoint/partial"/></td></tr></table>
</xsl:template>
</xsl:stylesheet>
