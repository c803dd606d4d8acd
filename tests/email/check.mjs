#!/usr/bin/env node
// check.mjs - email-safety check for the HTML fragments ppx renders.
//
//	node tests/email/check.mjs FILE.html...
//	node tests/email/check.mjs --self-test
//
// Each FILE is one fragment (no <html>/<body>).  Three checks, described
// with their reasoning in README.md next to this file:
//   1. caniemail (the caniemail.com database) for Gmail, Outlook and Apple
//      Mail: an unsupported feature that breaks layout is an error, one that
//      only degrades (square corners) a warning, partial support a warning;
//   2. html-validate on the fragment wrapped in a minimal document;
//   3. our own rules from DESIGN.md "Templates" (images, lang, layout
//      tables, 600 px, forbidden elements, URL schemes, size).
// Prints "FILE: error|warning: message" per finding and, last,
// "N passed, N failed" (files).  Exit 0 when no file has an error, 1 when
// one has, 2 on a usage error.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { caniemail, rawData } from 'caniemail';
import { HtmlValidate } from 'html-validate';
import { parseDocument } from 'htmlparser2';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// The clients the issue names: Gmail, Outlook, Apple Mail.
const CLIENTS = [
	'gmail.desktop-webmail', 'gmail.ios', 'gmail.android',
	'outlook.windows', 'outlook.windows-mail', 'outlook.outlook-com',
	'outlook.ios', 'outlook.macos',
	'apple-mail.macos', 'apple-mail.ios',
];

const MAX_BYTES = 102 * 1024;	// Gmail clips a message past 102 KB
const WARN_BYTES = 50 * 1024;	// a fragment is one block of a message
const MAX_WIDTH = 600;		// px
const MAX_FILE = 16 * 1024 * 1024;	// refuse to read anything bigger

// Features (caniemail titles) that break layout or lose content when a
// target client does not support them: an error.  The reason is printed.
const LAYOUT = new Map([
	['display:flex', 'flex items stack or overlap; use tables'],
	['display:grid', 'grid items stack or overlap; use tables'],
	['flex-direction:column', 'flex layout; use tables'],
	['flex-wrap: wrap', 'flex layout; use tables'],
	['justify-content', 'flex/grid alignment is lost; use align/valign'],
	['align-items', 'flex/grid alignment is lost; use align/valign'],
	['gap, column-gap, row-gap', 'spacing between flex/grid items is lost'],
	['grid-template-* properties', 'grid layout; use tables'],
	['position', 'positioned elements land in normal flow and overlap'],
	['left, right, top, bottom', 'offsets are dropped (goes with position)'],
	['inset', 'offsets are dropped (goes with position)'],
	['z-index', 'stacking is lost (goes with position)'],
	['float', 'floated boxes stack instead; use align on table/img'],
	['clear', 'goes with float'],
	['transform', 'moved/rotated content renders in place'],
	['column-count', 'multi-column text becomes one column'],
	['css column properties', 'multi-column text becomes one column'],
	['box-sizing', 'widths with padding come out wider than planned'],
	['min-width property', 'sizing constraint dropped'],
	['min-height property', 'sizing constraint dropped'],
	['max-height property', 'sizing constraint dropped: content overflows'],
	['aspect-ratio', 'box loses its height'],
	['fit-content, min-content, max-content', 'sizing keyword dropped'],
	['block-size & inline-size', 'logical size dropped; use width/height'],
	['inline-size ', 'logical size dropped; use width'],
	['max-block-size', 'logical size dropped'],
	['max-inline-size', 'logical size dropped; use max-width'],
	['min-block-size', 'logical size dropped'],
	['min-inline-size', 'logical size dropped'],
	['margin-block-start & margin-block-end', 'spacing dropped; use margin'],
	['margin-inline & margin-block', 'spacing dropped; use margin'],
	['margin-inline-start & margin-inline-end', 'spacing dropped; use margin'],
	['padding-block-start & padding-block-end', 'spacing dropped; use padding'],
	['padding-inline & padding-block', 'spacing dropped; use padding'],
	['padding-inline-start & padding-inline-end', 'spacing dropped; use padding'],
	['border-inline & border-block', 'border dropped; use border-*'],
	['border-inline & border-block longhand properties', 'border dropped'],
	['border-inline & border-block individual logical properties',
	    'border dropped'],
	['CSS calc() function', 'the whole declaration is dropped; use px'],
	['min()', 'the whole declaration is dropped; use px'],
	['max()', 'the whole declaration is dropped; use px'],
	['clamp()', 'the whole declaration is dropped; use px'],
	['vw unit', 'the declaration is dropped; use px'],
	['vh unit', 'the declaration is dropped; use px'],
	['vmin unit', 'the declaration is dropped; use px'],
	['vmax unit', 'the declaration is dropped; use px'],
	['rem unit', 'the declaration is dropped; use px'],
	['ch unit', 'the declaration is dropped; use px'],
	['CSS Variables (Custom Properties)', 'values are dropped'],
	['rgba()', 'the colour is dropped: text may vanish; use #rrggbb'],
	['lch(), oklch(), lab(), oklab()', 'the colour is dropped; use #rrggbb'],
	['visibility', 'hidden content shows'],
	['hidden attribute', 'hidden content shows'],
	['popover attribute', 'hidden content shows'],
	['<style> element', 'class/selector styling is lost; inline it'],
	['<link> element', 'external CSS is not loaded'],
	['@import', 'external CSS is not loaded'],
	['@font-face', 'web font is not loaded'],
	['@media', 'responsive rules are lost'],
	['@supports', 'conditional rules are lost'],
	['HTML5 semantics', 'unknown elements lose their styles in Outlook'],
	['<form> element', 'forms do not work in email'],
	['Embedded <svg> image', 'the picture is missing'],
	['<picture> element', 'the picture is missing'],
	['<object> element', 'the content is missing'],
	['<video> element', 'the content is missing'],
	['<audio> element', 'the content is missing'],
	['Image maps', 'the links are lost'],
	['SVG image format', 'the image is missing; use PNG/JPEG/GIF'],
	['webP image format', 'the image is missing; use PNG/JPEG/GIF'],
	['AVIF image format', 'the image is missing; use PNG/JPEG/GIF'],
	['HEIF image format', 'the image is missing; use PNG/JPEG/GIF'],
	['TIFF image format', 'the image is missing; use PNG/JPEG/GIF'],
	['BMP image format', 'the image is missing; use PNG/JPEG/GIF'],
	['ICO image format', 'the image is missing; use PNG/JPEG/GIF'],
	['HDR image format', 'the image is missing; use PNG/JPEG/GIF'],
	['Base 64 image format', 'the image is missing (no data: URIs)'],
]);

// Features whose loss only degrades the look: a warning.
const COSMETIC = new Map([
	['border-radius', 'square corners'],
	['box-shadow', 'no shadow'],
	['text-shadow', 'no shadow'],
	['opacity', 'fully opaque'],
	['outline', 'no outline'],
	['outline-offset', 'no outline offset'],
	['border-image', 'plain border'],
	['border-spacing', 'default cell spacing; use cellspacing'],
	['empty-cells', 'empty cells drawn'],
	['caption-side', 'caption on top'],
	['table-layout', 'automatic column widths'],
	['letter-spacing', 'default letter spacing'],
	['word-spacing', 'default word spacing'],
	['white-space', 'text may wrap'],
	['text-overflow', 'no ellipsis'],
	['word-break', 'long words may overflow'],
	['word-wrap', 'long words may overflow'],
	['overflow-wrap', 'long words may overflow'],
	['hyphens', 'no hyphenation'],
	['text-wrap', 'default wrapping'],
	['text-decoration-line', 'default decoration'],
	['text-decoration-style', 'default decoration'],
	['text-decoration-color', 'decoration in text colour'],
	['text-decoration-thickness', 'default decoration'],
	['text-decoration-skip-ink', 'default decoration'],
	['text-underline-offset', 'default underline'],
	['text-underline-position', 'default underline'],
	['text-emphasis', 'no emphasis marks'],
	['text-align-last', 'default alignment of the last line'],
	['text-justify', 'default justification'],
	['font-kerning', 'default kerning'],
	['font-stretch', 'normal width font'],
	['font-size-adjust', 'no size adjustment'],
	['system-ui, ui-serif, ui-sans-serif, ui-rounded, ui-monospace',
	    'the next font in the stack'],
	['linear-gradient()', 'flat colour (a background-color fallback is '
	    + 'required by the own rules)'],
	['radial-gradient()', 'flat colour (fallback required as above)'],
	['background-image', 'flat colour (a background-color/bgcolor '
	    + 'fallback is required by the own rules)'],
	['background-position', 'goes with background-image'],
	['background-repeat', 'goes with background-image'],
	['background-size', 'goes with background-image'],
	['background-origin', 'goes with background-image'],
	['background-clip', 'goes with background-image'],
	['background-blend-mode', 'no blending'],
	['mix-blend-mode', 'no blending'],
	['filter', 'no filter'],
	['backdrop-filter', 'no filter'],
	['mask-image', 'no mask'],
	['object-fit', 'image scaled to width/height'],
	['object-position', 'image scaled to width/height'],
	['list-style-image', 'default bullet'],
	['list-style-position', 'default bullet position'],
	['animation', 'no animation'],
	['@keyframes', 'no animation'],
	['transition', 'no transition'],
	['cursor', 'default cursor'],
	['user-select', 'text selectable'],
	['accent-color', 'default colour'],
	['color-scheme CSS property', 'no dark-mode hint'],
	['light-dark()', 'no dark-mode colour'],
	['@media (prefers-color-scheme)', 'no dark-mode rules'],
	['orphans', 'default breaks'],
	['widows', 'default breaks'],
	['tab-size', 'default tab size'],
	['role attribute', 'accessibility hint ignored, layout unchanged'],
	['aria-hidden attribute', 'accessibility hint ignored'],
	['aria-label attribute', 'accessibility hint ignored'],
	['aria-labelledby attribute', 'accessibility hint ignored'],
	['aria-describedby attribute', 'accessibility hint ignored'],
	['aria-live attribute', 'accessibility hint ignored'],
	['target attribute', 'the client decides where links open'],
	['loading attribute', 'images load eagerly'],
	['srcset and sizes attributes', 'src is used'],
	['Local anchors', 'in-message link does not jump'],
	['<abbr> element', 'plain text'],
	['<acronym> element', 'plain text'],
	['<wbr> element', 'no break opportunity'],
	['Animated PNG image format', 'first frame only'],
	['Video as Image Assets', 'poster only'],
]);

// Elements a fragment must not contain (DESIGN.md: the host refuses
// script, form, style, link, iframe, object; the rest have no place in a
// fragment or in email).
const FORBIDDEN = new Map([
	['script', 'scripts never run in email and the host refuses them'],
	['style', 'styles must be inline (Gmail drops <style> in many cases)'],
	['link', 'external CSS is not loaded by email clients'],
	['iframe', 'frames are not shown in email'],
	['frame', 'frames are not shown in email'],
	['frameset', 'frames are not shown in email'],
	['object', 'plugins are not shown in email'],
	['embed', 'plugins are not shown in email'],
	['applet', 'plugins are not shown in email'],
	['form', 'forms do not work in email'],
	['input', 'forms do not work in email'],
	['button', 'forms do not work in email'],
	['select', 'forms do not work in email'],
	['textarea', 'forms do not work in email'],
	['base', 'would rewrite every URL of the message'],
	['svg', 'Gmail and Outlook show no inline SVG; use a PNG <img>'],
	['math', 'email clients do not render MathML'],
	['meta', 'a fragment has no head'],
	['html', 'a fragment is not a document'],
	['head', 'a fragment is not a document'],
	['body', 'a fragment is not a document'],
]);

// Presentational attributes Outlook needs; html-validate's HTML5
// metadata marks them deprecated.  Only these are allowed back.
const EMAIL_ATTRS = {
	table: ['width', 'cellpadding', 'cellspacing', 'bgcolor', 'align'],
	tr: ['bgcolor', 'align', 'valign'],
	td: ['width', 'height', 'bgcolor', 'align', 'valign'],
	th: ['width', 'height', 'bgcolor', 'align', 'valign'],
	img: ['border'],
};

function
htmlValidateConfig()
{
	const elements = {};

	for (const [tag, attrs] of Object.entries(EMAIL_ATTRS)) {
		elements[tag] = { attributes: {} };
		for (const a of attrs)
			elements[tag].attributes[a] = { deprecated: false };
	}
	return {
		extends: ['html-validate:recommended'],
		elements: ['html5', elements],
		rules: {
			'no-inline-style': 'off',
			'prefer-tbody': 'off',
			'no-trailing-whitespace': 'off',
		},
	};
}

const htmlvalidate = new HtmlValidate(htmlValidateConfig());

// The wrapper for html-validate: the fragment starts on line WRAP_LINES+1.
const WRAP_HEAD = '<!DOCTYPE html>\n<html lang="und"><head>'
    + '<meta charset="utf-8"><title>fragment</title></head><body>\n';
const WRAP_TAIL = '\n</body></html>\n';
const WRAP_LINES = 2;

// ---- small helpers --------------------------------------------------------

function
lineStarts(src)
{
	const starts = [0];

	for (let i = 0; i < src.length; i++)
		if (src[i] === '\n')
			starts.push(i + 1);
	return starts;
}

function
lineCol(starts, index)
{
	let lo = 0, hi = starts.length - 1;

	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= index)
			lo = mid;
		else
			hi = mid - 1;
	}
	return { line: lo + 1, column: index - starts[lo] + 1 };
}

// "line L:C <tag attr=...>" for the start tag at index, cut short.
function
whereAt(ctx, index)
{
	const { line, column } = lineCol(ctx.starts, index);
	let end = ctx.src.indexOf('>', index);
	let tag;

	if (end < 0)
		end = ctx.src.length - 1;
	tag = ctx.src.slice(index, end + 1).replace(/\s+/g, ' ');
	if (tag.length > 72)
		tag = tag.slice(0, 70) + '…>';
	return `line ${line}:${column} ${tag}`;
}

function
where(ctx, node)
{
	if (node.type === 'text') {
		const { line, column } = lineCol(ctx.starts, node.startIndex ?? 0);
		let t = node.data.trim().replace(/\s+/g, ' ');
		if (t.length > 40)
			t = t.slice(0, 39) + '…';
		return `line ${line}:${column} "${t}"`;
	}
	return whereAt(ctx, node.startIndex ?? 0);
}

function
stripMarkdown(s)
{
	return s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
}

// The declarations of a style attribute, lowercased names: [[name, value]].
function
declarations(style)
{
	const out = [];

	for (const part of (style ?? '').split(';')) {
		const i = part.indexOf(':');
		if (i < 0)
			continue;
		out.push([part.slice(0, i).trim().toLowerCase(),
		    part.slice(i + 1).trim()]);
	}
	return out;
}

// Every element under node in document order (iterative: a hostile
// fragment may nest deeper than the call stack).
function
elements(node)
{
	const out = [];
	const stack = [...(node.children ?? [])].reverse();

	while (stack.length) {
		const c = stack.pop();
		if (c.type !== 'tag' && c.type !== 'script' && c.type !== 'style')
			continue;
		out.push(c);
		for (let i = (c.children ?? []).length - 1; i >= 0; i--)
			stack.push(c.children[i]);
	}
	return out;
}

// ---- 1. caniemail ---------------------------------------------------------

// Partial support is a warning, but most notes name a case (an element, a
// value) that a fragment may not have.  For these features a place is
// kept only when the note can apply to it; a feature left with no place is
// not reported.  el is the element, v the value of the property (or '').
const style = (el, prop) => {
	let v = '';
	for (const [n, value] of declarations(el.attribs.style))
		if (n === prop)
			v = value.toLowerCase();
	return v;
};
const PARTIAL_APPLIES = new Map([
	// Outlook: padding only on table cells.
	['padding', (el) => !['td', 'th'].includes(el.name)],
	// Outlook: no CSS width/height on span, div, p, img (so img carries
	// the attributes).
	['width property', (el) => ['span', 'div', 'p', 'body'].includes(el.name)
	    || (el.name === 'img' && el.attribs.width === undefined)],
	['height property', (el) => ['span', 'div', 'p', 'body'].includes(el.name)
	    || (el.name === 'img' && el.attribs.height === undefined)],
	// Outlook: a percentage on img is of the file's width.
	['width attribute', (el) => el.name === 'img'
	    && /%/.test(el.attribs.width ?? '')],
	['height attribute', (el) => el.name === 'img'
	    && /%/.test(el.attribs.height ?? '')],
	// Outlook: unreliable on p/div, at most 8px.
	['border', (el) => ['p', 'div'].includes(el.name)
	    || declarations(el.attribs.style).some(([n, v]) =>
	    /^border(-(top|right|bottom|left))?(-width)?$/.test(n)
	    && /(^|[^0-9.])([9]|[1-9][0-9]+)(\.[0-9]+)?px/.test(v))],
	// Negative values, auto (Outlook), span.
	['margin', (el) => el.name === 'span'
	    || /(^|[\s:])-[0-9]|auto/.test(style(el, 'margin')
	    + ' ' + ['top', 'right', 'bottom', 'left']
	    .map((s) => style(el, 'margin-' + s)).join(' '))],
	// Outlook: no rem, relative or percentage sizes.
	['font-size', (el) => !/^[0-9.]+(px|pt)$/.test(style(el, 'font-size'))],
	// Outlook: numbers other than 400/700 are rounded.
	['font-weight', (el) => /^[0-9]+$/.test(style(el, 'font-weight'))
	    && !['400', '700'].includes(style(el, 'font-weight'))],
	// display: only exotic values are partial (flex/grid are errors).
	['display', (el) => !['block', 'inline', 'inline-block', 'table',
	    'table-cell', 'table-row', ''].includes(style(el, 'display'))],
	// Outlook: only colours in background; background-color is fine.
	['background', (el) => /url|gradient|,/.test(style(el, 'background'))],
	// Multiple values, overline.
	['text-decoration', (el) =>
	    /\s|overline/.test(style(el, 'text-decoration'))],
	// start, end, match-parent.
	['text-align', (el) => /start|end|match-parent/.test(
	    style(el, 'text-align'))],
	// Outlook for Mac: align left/right on <table>.
	['align attribute', (el) => el.name === 'table'
	    && /^(left|right)$/i.test(el.attribs.align ?? '')],
]);

function
checkCaniemail(ctx)
{
	const res = caniemail({ clients: CLIENTS, html: ctx.src });
	const byTitle = new Map();

	const add = (kind, client, issue) => {
		let t = byTitle.get(issue.title);
		if (!t) {
			t = { none: new Set(), partial: new Set(),
			    notes: new Set(), at: new Map() };
			byTitle.set(issue.title, t);
		}
		t[kind].add(client);
		for (const n of issue.notes)
			t.notes.add(stripMarkdown(n));
		if (issue.position && !('source' in issue.position)) {
			// Issues from a <style> block carry positions in
			// the CSS text (with a source): keep only those at a
			// start tag of the fragment.
			const p = issue.position.start;
			const i = (ctx.starts[p.line - 1] ?? -1) + p.column - 1;
			if (ctx.src[i] === '<')
				t.at.set(i, ctx.byStart.get(i) ?? null);
		}
	};
	for (const [client, list] of res.issues.errors)
		for (const issue of list)
			add('none', client, issue);
	for (const [client, list] of res.issues.warnings)
		for (const issue of list)
			add('partial', client, issue);

	for (const [title, t] of byTitle) {
		const partial = t.partial.size
		    ? `partial in ${[...t.partial].join(', ')}` : '';
		let at = [...t.at.entries()];
		if (!t.none.size && PARTIAL_APPLIES.has(title) && at.length) {
			const applies = PARTIAL_APPLIES.get(title);
			at = at.filter(([, el]) => el === null || applies(el));
			if (!at.length)
				continue;
		}
		let place = '';
		if (at.length) {
			place = '; at ' + whereAt(ctx, at[0][0]);
			if (at.length > 1)
				place += ` (and ${at.length - 1} more)`;
		}
		if (t.none.size) {
			let sev, why;
			if (LAYOUT.has(title)) {
				sev = 'error';
				why = 'breaks layout: ' + LAYOUT.get(title);
			} else if (COSMETIC.has(title)) {
				sev = 'warning';
				why = 'degrades: ' + COSMETIC.get(title);
			} else {
				sev = 'error';
				why = 'not classified (README.md: cosmetic '
				    + 'features are listed in COSMETIC)';
			}
			ctx.report(sev, `caniemail: \`${title}\` not supported `
			    + `in ${[...t.none].join(', ')}`
			    + (partial ? `, ${partial}` : '')
			    + ` - ${why}${place}`);
		} else {
			let notes = [...t.notes].join(' / ');
			if (notes.length > 200)
				notes = notes.slice(0, 197) + '...';
			ctx.report('warning', `caniemail: \`${title}\` ${partial}`
			    + (notes ? ` (${notes})` : '') + place);
		}
	}
}

// ---- 2. html-validate -----------------------------------------------------

async function
checkHtmlValidate(ctx)
{
	const doc = WRAP_HEAD + ctx.src + WRAP_TAIL;
	const report = await htmlvalidate.validateString(doc, ctx.file);

	for (const r of report.results) {
		for (const m of r.messages) {
			const line = m.line - WRAP_LINES;
			const sev = m.severity >= 2 ? 'error' : 'warning';
			const at = line >= 1 ? ` (line ${line}:${m.column})`
			    : ' (in the wrapper document)';
			ctx.report(sev, `html-validate ${m.ruleId}: `
			    + `${m.message}${at}`);
		}
	}
}

// ---- 3. own rules (DESIGN.md "Templates") ---------------------------------

const LANG_RE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;

function
isHttps(url)
{
	return /^https:\/\/[^\s/?#]+/i.test(url.trim());
}

function
checkRoots(ctx, dom)
{
	let roots = 0;

	for (const c of dom.children) {
		if (c.type === 'text') {
			if (c.data.trim() !== '')
				ctx.report('error', 'text outside any root element '
				    + `(it has no lang) at ${where(ctx, c)}`);
		} else if (c.type === 'tag' || c.type === 'script'
		    || c.type === 'style') {
			roots++;
			const lang = c.attribs.lang;
			if (lang === undefined || lang.trim() === '')
				ctx.report('error', 'root element has no lang '
				    + `attribute: ${where(ctx, c)}`);
			else if (!LANG_RE.test(lang))
				ctx.report('error', `root element lang="${lang}" `
				    + `is not a language tag: ${where(ctx, c)}`);
		} else if (c.type === 'directive') {
			ctx.report('error', 'a fragment has no doctype: '
			    + where(ctx, c));
		}
	}
	if (roots === 0)
		ctx.report('error', 'no element: the fragment is empty');
}

function
checkImage(ctx, el)
{
	const a = el.attribs;
	const w = where(ctx, el);

	if (a.alt === undefined)
		ctx.report('error', `<img> has no alt attribute: ${w}`);
	else if (a.alt.trim() === '' && a.role !== 'presentation')
		ctx.report('error', '<img> has an empty alt but no '
		    + `role="presentation" (decorative?): ${w}`);
	for (const dim of ['width', 'height']) {
		if (a[dim] === undefined)
			ctx.report('error', `<img> has no ${dim} attribute: ${w}`);
		else if (!/^[1-9][0-9]{0,4}$/.test(a[dim]))
			ctx.report('error', `<img> ${dim}="${a[dim]}" is not a `
			    + `whole number of pixels: ${w}`);
	}
	if (a.src === undefined || a.src.trim() === '')
		ctx.report('error', `<img> has no src: ${w}`);
	else if (!isHttps(a.src))
		ctx.report('error', '<img> src is not an absolute https URL: '
		    + w);
}

function
checkLink(ctx, el)
{
	const href = el.attribs.href;

	if (href === undefined)
		return;
	const h = href.trim();
	const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(h);
	if (scheme === null) {
		ctx.report('error', `<${el.name}> href "${h.slice(0, 40)}" is `
		    + 'not absolute (a relative link breaks in email): '
		    + where(ctx, el));
	} else if (!/^(https?|mailto)$/i.test(scheme[1])) {
		ctx.report('error', `<${el.name}> href has scheme `
		    + `"${scheme[1].toLowerCase()}:" (only https, http, `
		    + `mailto): ${where(ctx, el)}`);
	} else if (/^https?$/i.test(scheme[1]) && !/^https?:\/\/[^\s/?#]+/i.test(h)) {
		ctx.report('error', `<${el.name}> href "${h.slice(0, 40)}" has `
		    + `no host: ${where(ctx, el)}`);
	}
}

function
checkTable(ctx, el)
{
	// A data table has headers or a caption of its own (not a nested
	// table's); every other table is layout.
	const own = (n) => {
		for (const c of n.children ?? []) {
			if (c.type !== 'tag' || c.name === 'table')
				continue;
			if (c.name === 'th' || c.name === 'caption'
			    || c.name === 'thead' || own(c))
				return true;
		}
		return false;
	};
	const role = el.attribs.role;

	if (!own(el) && role !== 'presentation' && role !== 'none')
		ctx.report('error', 'layout <table> has no role="presentation" '
		    + `(screen readers announce it as data): ${where(ctx, el)}`);
}

function
checkWidths(ctx, el)
{
	const a = el.attribs;
	const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$/i.exec(a.width ?? '');

	if (m && Number(m[1]) > MAX_WIDTH)
		ctx.report('error', `width="${a.width}" is wider than `
		    + `${MAX_WIDTH}px: ${where(ctx, el)}`);
	for (const [name, value] of declarations(a.style)) {
		if (name !== 'width' && name !== 'min-width')
			continue;
		const v = /^([0-9]+(?:\.[0-9]+)?)px/i.exec(value);
		if (v && Number(v[1]) > MAX_WIDTH)
			ctx.report('error', `style ${name}:${value} is wider than `
			    + `${MAX_WIDTH}px: ${where(ctx, el)}`);
	}
}

function
checkStyle(ctx, el)
{
	const a = el.attribs;
	const decls = declarations(a.style);
	let image = a.background !== undefined && a.background.trim() !== '';
	let fallback = a.bgcolor !== undefined && a.bgcolor.trim() !== '';

	for (const [name, value] of decls) {
		const v = value.toLowerCase();
		if (name === 'display' && /(^|[\s-])(flex|grid)\b/.test(v))
			ctx.report('error', `display:${value} (DESIGN.md: no flex `
			    + `or grid; Outlook ignores it): ${where(ctx, el)}`);
		if (name === 'position')
			ctx.report('error', `position:${value} (DESIGN.md: no `
			    + `position; Gmail drops it): ${where(ctx, el)}`);
		if (/^background(-image)?$/.test(name)
		    && /(url|gradient)\s*\(/.test(v))
			image = true;
		if (name === 'background-color' && v !== 'transparent')
			fallback = true;
		if (name === 'background' && /#[0-9a-f]{3,8}\b|rgb\(/.test(v))
			fallback = true;
		// caniemail 2.0.2 does not detect rgba() in style.
		if (/(^|[^a-z-])rgba\s*\(/.test(v))
			ctx.report('error', `${name}:${value}: Outlook for Windows `
			    + 'drops rgba() colours (text may vanish); use '
			    + `#rrggbb: ${where(ctx, el)}`);
		if (/url\(\s*['"]?\s*data:/i.test(value))
			ctx.report('error', 'data: URI in style (Gmail and '
			    + `Outlook drop it): ${where(ctx, el)}`);
		else if (/url\(/i.test(value)
		    && !/url\(\s*['"]?\s*https:\/\//i.test(value))
			ctx.report('error', 'url() in style is not an absolute '
			    + `https URL: ${where(ctx, el)}`);
	}
	if (image && !fallback)
		ctx.report('error', 'background image without a '
		    + 'background-color/bgcolor fallback (Outlook for Windows '
		    + `drops the image: text may be unreadable): ${where(ctx, el)}`);
}

function
checkAttributes(ctx, el)
{
	for (const [name, value] of Object.entries(el.attribs)) {
		if (/^on/i.test(name))
			ctx.report('error', `event handler attribute ${name} `
			    + `(scripts never run in email): ${where(ctx, el)}`);
		if (name !== 'style' && /^\s*data:/i.test(value))
			ctx.report('error', `data: URI in ${name} (Gmail and `
			    + `Outlook do not show it): ${where(ctx, el)}`);
		if ((name === 'background' || name === 'src'
		    || name === 'poster') && el.name !== 'img'
		    && value.trim() !== '' && !/^\s*data:/i.test(value)
		    && !isHttps(value))
			ctx.report('error', `${name} is not an absolute https `
			    + `URL: ${where(ctx, el)}`);
	}
	if (el.attribs.class !== undefined)
		ctx.report('warning', `class="${el.attribs.class}" has no `
		    + 'effect without <style> (inline the style instead): '
		    + where(ctx, el));
}

function
checkOwn(ctx)
{
	const dom = ctx.dom;

	checkRoots(ctx, dom);
	for (const el of elements(dom)) {
		const name = el.name.toLowerCase();
		if (FORBIDDEN.has(name))
			ctx.report('error', `<${name}> is not allowed in a `
			    + `fragment (${FORBIDDEN.get(name)}): `
			    + where(ctx, el));
		if (name === 'img')
			checkImage(ctx, el);
		if (name === 'a' || name === 'area')
			checkLink(ctx, el);
		if (name === 'table')
			checkTable(ctx, el);
		checkWidths(ctx, el);
		checkStyle(ctx, el);
		checkAttributes(ctx, el);
	}
}

function
checkSize(ctx)
{
	const kb = (ctx.bytes / 1024).toFixed(1);

	if (ctx.bytes >= MAX_BYTES)
		ctx.report('error', `${kb} KB: Gmail clips messages past 102 KB `
		    + 'and a fragment is only part of one');
	else if (ctx.bytes > WARN_BYTES)
		ctx.report('warning', `${kb} KB: over 50 KB leaves little room `
		    + 'under Gmail\'s 102 KB clipping');
}

// ---- driver ---------------------------------------------------------------

// Checks one file; returns its findings [{sev, msg}] (never throws).
async function
checkFile(file)
{
	const findings = [];
	const report = (sev, msg) => findings.push({ sev, msg });
	let buf;

	try {
		buf = readFileSync(file);
	} catch (e) {
		report('error', `cannot read: ${e.code ?? e.message}`);
		return findings;
	}
	if (buf.length > MAX_FILE) {
		report('error', `${buf.length} bytes: too big to check`);
		return findings;
	}
	const src = buf.toString('utf8');
	if (src.includes('\uFFFD')) {
		report('error', 'not valid UTF-8');
		return findings;
	}
	const dom = parseDocument(src, {
	    withStartIndices: true, withEndIndices: true });
	const byStart = new Map(elements(dom).map((el) => [el.startIndex, el]));
	const ctx = { file, src, bytes: buf.length, starts: lineStarts(src),
	    dom, byStart, report };
	checkSize(ctx);
	if (src.trim() === '') {
		report('error', 'no element: the fragment is empty');
		return findings;
	}
	try {
		checkCaniemail(ctx);
	} catch (e) {
		report('error', `caniemail failed: ${e.message}`);
	}
	try {
		await checkHtmlValidate(ctx);
	} catch (e) {
		report('error', `html-validate failed: ${e.message}`);
	}
	try {
		checkOwn(ctx);
	} catch (e) {
		report('error', `own rules failed: ${e.message}`);
	}
	return findings;
}

async function
checkFiles(files)
{
	let passed = 0, failed = 0;

	for (const file of files) {
		const findings = await checkFile(file);
		const order = { error: 0, warning: 1 };
		findings.sort((x, y) => order[x.sev] - order[y.sev]);
		for (const f of findings)
			console.log(`${file}: ${f.sev}: ${f.msg}`);
		if (findings.some((f) => f.sev === 'error'))
			failed++;
		else
			passed++;
	}
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

// ---- self-test ------------------------------------------------------------

// Each fixture and the error messages it must produce (substrings); null:
// it must pass (warnings allowed).
const SELF_TEST = [
	['good.html', null],
	['bad-flex.html', ['caniemail: `display:flex` not supported in',
	    'display:flex (DESIGN.md']],
	['bad-img.html', ['<img> has no alt attribute',
	    '<img> has no width attribute', '<img> has no height attribute',
	    '<img> src is not an absolute https URL']],
	['bad-lang.html', ['root element has no lang attribute']],
	['bad-javascript.html', ['href has scheme "javascript:"']],
	['bad-position.html', ['caniemail: `position` not supported in',
	    'position:absolute (DESIGN.md']],
	['bad-style.html', ['<style> is not allowed in a fragment',
	    'html-validate element-permitted-content']],
	['bad-layout-table.html', ['layout <table> has no role="presentation"',
	    'width="800" is wider than 600px']],
	['bad-data-uri.html', ['data: URI in src']],
	['bad-html.html', ['html-validate close-order']],
];

async function
selfTest()
{
	let passed = 0, failed = 0;
	const fail = (name, why) => {
		console.log(`self-test: FAIL ${name}: ${why}`);
		failed++;
	};

	// The classification must name real caniemail features.
	const titles = new Set(rawData.data.map((f) => f.title));
	const unknown = [...LAYOUT.keys(), ...COSMETIC.keys()]
	    .filter((t) => !titles.has(t));
	if (unknown.length)
		fail('classification', 'not in the caniemail database: '
		    + unknown.join(', '));
	else
		passed++;

	for (const [name, expected] of SELF_TEST) {
		const file = path.join(HERE, 'fixtures', name);
		const findings = await checkFile(file);
		const errors = findings.filter((f) => f.sev === 'error')
		    .map((f) => f.msg);
		if (expected === null) {
			if (errors.length)
				fail(name, 'expected no error, got: '
				    + errors.join(' | '));
			else
				passed++;
			continue;
		}
		const missing = expected.filter(
		    (want) => !errors.some((e) => e.includes(want)));
		if (missing.length)
			fail(name, `expected error(s) missing: `
			    + missing.join(' | ') + '; got: '
			    + (errors.join(' | ') || 'no error'));
		else
			passed++;
	}
	console.log(`self-test: ${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

async function
main(argv)
{
	if (argv.length === 1 && argv[0] === '--self-test')
		return selfTest();
	if (argv.length === 0 || argv.some((a) => a.startsWith('-'))) {
		console.error('usage: check.mjs FILE.html... | check.mjs '
		    + '--self-test');
		return 2;
	}
	return checkFiles(argv);
}

process.exitCode = await main(process.argv.slice(2));
