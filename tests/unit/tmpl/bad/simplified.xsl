<?xml version="1.0" encoding="UTF-8"?>
<p xsl:version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:value-of select="touchpoint/name"/></p>
