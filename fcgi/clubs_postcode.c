/*
 * clubs_postcode.c - postcodes to centroid keys.
 */
#include <string.h>

#include "clubs_postcode.h"

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
clubs_country(const char *country, char out[3])
{
	if (country == NULL || country[0] == '\0')
		country = "NL";
	if (strlen(country) != 2 || !is_upper(upper(country[0])) ||
	    !is_upper(upper(country[1])))
		return -1;
	out[0] = upper(country[0]);
	out[1] = upper(country[1]);
	out[2] = '\0';
	return 0;
}

/* Dutch: four digits (not starting with 0), then maybe two letters. */
static int
key_nl(const char *s, char out[CLUBS_POSTCODE_MAX + 1])
{
	int i;

	while (*s == ' ')
		s++;
	for (i = 0; i < 4; i++)
		if (!is_digit(s[i]))
			return -1;
	if (s[0] == '0')
		return -1;
	memcpy(out, s, 4);
	out[4] = '\0';
	s += 4;
	while (*s == ' ')
		s++;
	if (is_upper(upper(s[0])) && is_upper(upper(s[1])))
		s += 2;
	while (*s == ' ')
		s++;
	return *s == '\0' ? 0 : -1;
}

int
clubs_postcode_key(const char *country, const char *raw,
    char out[CLUBS_POSTCODE_MAX + 1])
{
	size_t n = 0;

	if (raw == NULL || country == NULL)
		return -1;
	if (strcmp(country, "NL") == 0)
		return key_nl(raw, out);
	for (; *raw != '\0'; raw++) {
		if (*raw == ' ' || *raw == '-')
			continue;
		if (!is_digit(*raw) && !is_upper(upper(*raw)))
			return -1;
		if (n == CLUBS_POSTCODE_MAX)
			return -1;
		out[n++] = upper(*raw);
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}
