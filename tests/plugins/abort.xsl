<?xml version="1.0" encoding="UTF-8"?>
<!-- abort.xsl - the template of the abort test plugin: every loaded plugin
     has one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="html" indent="no" encoding="UTF-8"/>
<xsl:template match="/">
<table role="presentation" lang="{/touchpoint/@lang}"><tr><td>abort:<xsl:value-of select="/touchpoint/leaked"/></td></tr></table>
</xsl:template>
</xsl:stylesheet>
