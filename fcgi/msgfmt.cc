/*
 * msgfmt.cc - ICU MessageFormat behind a C API.  Named arguments exist
 * only in ICU's C++ API, hence C++ here; nothing C++ leaks past this
 * file: every entry point catches what it might throw.
 */
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/parseerr.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include "msgfmt.h"
#include "why.h"

namespace {

/* 1 when s is at most max bytes of well-formed UTF-8. */
int
valid_utf8(const char *s, size_t max)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t need = 0;
	size_t len;

	len = strnlen(s, max + 1);
	if (len > max)
		return 0;
	/* Preflight: only the validity of the input matters here. */
	u_strFromUTF8(NULL, 0, &need, s, (int32_t)len, &status);
	return status != U_INVALID_CHAR_FOUND && status !=
	    U_ILLEGAL_CHAR_FOUND && (U_SUCCESS(status) ||
	    status == U_BUFFER_OVERFLOW_ERROR ||
	    status == U_STRING_NOT_TERMINATED_WARNING);
}

typedef std::unique_ptr<icu::MessageFormat> msgfmt_ptr;

int
compile(msgfmt_ptr &out, const char *locale, const char *pattern,
    char *why, size_t whylen)
{
	UErrorCode status = U_ZERO_ERROR;
	UParseError perr;
	icu::Locale loc;

	if (pattern == NULL || !valid_utf8(pattern, MSGFMT_MAX_PATTERN)) {
		why_set(why, whylen, "message is not UTF-8 or longer than %d "
		    "bytes", MSGFMT_MAX_PATTERN);
		return -1;
	}
	if (locale != NULL) {
		loc = icu::Locale::forLanguageTag(locale, status);
		if (U_FAILURE(status) || loc.isBogus()) {
			why_set(why, whylen, "bad locale");
			return -1;
		}
	} else
		loc = icu::Locale::getRoot();
	memset(&perr, 0, sizeof(perr));
	/* ICU's operator new returns NULL rather than throwing. */
	out.reset(new icu::MessageFormat(icu::UnicodeString::fromUTF8(pattern),
	    loc, perr, status));
	if (!out) {
		why_set(why, whylen, "out of memory compiling a message");
		return -1;
	}
	if (U_FAILURE(status)) {
		/* The offset counts UTF-16 units, which match ASCII bytes. */
		why_set(why, whylen, "bad message pattern at offset %d: %s",
		    (int)perr.offset, u_errorName(status));
		out.reset();
		return -1;
	}
	return 0;
}

icu::Formattable
value(const struct ppx_arg *a)
{
	double d = a->number;

	if (a->text != NULL)
		return icu::Formattable(icu::UnicodeString::fromUTF8(a->text));
	/* Whole numbers as integers, so "one" matches 1 and not 1.0. */
	if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9e15)
		return icu::Formattable((int64_t)d);
	return icu::Formattable(d);
}

/*
 * Compiled patterns, by locale and pattern, so a worker compiles each
 * message once (compiling was most of the cost of a message).  One
 * process, one thread: no lock.  A full cache starts over.
 */
#define MSGFMT_CACHE_MAX	1024

icu::MessageFormat *
cached(const char *locale, const char *pattern, char *why, size_t whylen)
{
	static std::unordered_map<std::string, msgfmt_ptr> cache;
	std::string key;
	msgfmt_ptr mf;

	key.append(locale != NULL ? locale : "").push_back('\0');
	key.append(pattern);
	auto it = cache.find(key);
	if (it != cache.end())
		return it->second.get();
	if (compile(mf, locale, pattern, why, whylen) == -1)
		return NULL;
	if (cache.size() >= MSGFMT_CACHE_MAX)
		cache.clear();
	icu::MessageFormat *raw = mf.get();
	cache.emplace(std::move(key), std::move(mf));
	return raw;
}

int
format(const char *locale, const char *pattern, const struct ppx_arg *args,
    size_t nargs, char *out, size_t outlen, char *why, size_t whylen)
{
	icu::MessageFormat *mf;
	std::vector<icu::UnicodeString> names;
	std::vector<icu::Formattable> vals;
	icu::UnicodeString result;
	std::string utf8;
	UErrorCode status = U_ZERO_ERROR;
	size_t i;

	if (nargs > MSGFMT_MAX_ARGS || (nargs > 0 && args == NULL)) {
		why_set(why, whylen, "more than %d message arguments",
		    MSGFMT_MAX_ARGS);
		return -1;
	}
	for (i = 0; i < nargs; i++) {
		if (args[i].name == NULL || (args[i].text != NULL &&
		    !valid_utf8(args[i].text, MSGFMT_MAX_PATTERN))) {
			why_set(why, whylen, "bad message argument %zu", i);
			return -1;
		}
		names.push_back(icu::UnicodeString::fromUTF8(args[i].name));
		vals.push_back(value(&args[i]));
	}
	if (pattern != NULL && strpbrk(pattern, "{}'") == NULL &&
	    strlen(pattern) < outlen && valid_utf8(pattern,
	    MSGFMT_MAX_PATTERN)) {
		/* Plain words: nothing for ICU to do. */
		memcpy(out, pattern, strlen(pattern) + 1);
		return 0;
	}
	if ((mf = cached(locale, pattern, why, whylen)) == NULL)
		return -1;
	mf->format(names.data(), vals.data(), (int32_t)nargs, result, status);
	if (U_FAILURE(status)) {
		why_set(why, whylen, "cannot format message: %s",
		    u_errorName(status));
		return -1;
	}
	result.toUTF8String(utf8);
	if (utf8.size() >= outlen) {
		why_set(why, whylen, "formatted message longer than %zu bytes",
		    outlen == 0 ? 0 : outlen - 1);
		return -1;
	}
	memcpy(out, utf8.c_str(), utf8.size() + 1);
	return 0;
}

} /* namespace */

extern "C" int
msgfmt_format(const char *locale, const char *pattern,
    const struct ppx_arg *args, size_t nargs, char *out, size_t outlen,
    char *why, size_t whylen)
{
	if (out == NULL || outlen == 0 || locale == NULL) {
		why_set(why, whylen, "no output buffer or locale");
		return -1;
	}
	out[0] = '\0';
	try {
		return format(locale, pattern, args, nargs, out, outlen, why,
		    whylen);
	} catch (const std::bad_alloc &) {
		why_set(why, whylen, "out of memory formatting a message");
	} catch (...) {
		why_set(why, whylen, "cannot format message");
	}
	out[0] = '\0';
	return -1;
}

extern "C" int
msgfmt_check(const char *pattern, char *why, size_t whylen)
{
	msgfmt_ptr mf;

	try {
		return compile(mf, NULL, pattern, why, whylen);
	} catch (const std::bad_alloc &) {
		why_set(why, whylen, "out of memory checking a message");
	} catch (...) {
		why_set(why, whylen, "cannot check message");
	}
	return -1;
}
