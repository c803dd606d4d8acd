/*
 * clubs_postcode.h - the key a postcode centroid is stored under.
 */
#ifndef PPX_CLUBS_POSTCODE_H
#define PPX_CLUBS_POSTCODE_H

#define CLUBS_POSTCODE_MAX	10	/* bytes of a key */

/*
 * The ISO 3166 alpha-2 code of country ("nl" and "NL" give "NL"; NULL or
 * "" give the default "NL").  OUT: out.  0, or -1 when it is not one.
 */
int	 clubs_country(const char *country, char out[3]);
/*
 * The centroid key of postcode raw in country (as clubs_country gives):
 * NL "1011 AB", "1011AB" and "1011" all give the PC4 "1011"; elsewhere
 * the letters and digits, upper-cased, without spaces or dashes.
 * OUT: out.  0, or -1 when raw is not a postcode of that form.
 */
int	 clubs_postcode_key(const char *country, const char *raw,
	    char out[CLUBS_POSTCODE_MAX + 1]);

#endif
