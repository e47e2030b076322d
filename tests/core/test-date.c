/* test-date.c
 *
 * The expectations are the product contract's, written against what agencies
 * actually type: police Niche/Athena date-times, GP EMIS/SystmOne exports,
 * school CPOMS terms, LCS/Mosaic exports and hand-typed spreadsheets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "cg-date.h"

typedef struct
{
  const char   *text;
  CgDateStatus  status;
  const char   *start;      /* ISO, for CG_DATE_OK */
  const char   *end;
  CgPrecision   precision;
  gboolean      uncertain;
  int           time;
} DateCase;

#define HM(h, m)          ((h) * 60 + (m))
#define DAY(t, d)         { t, CG_DATE_OK, d, d, CG_PRECISION_DAY, FALSE, -1 }
#define DAY_U(t, d)       { t, CG_DATE_OK, d, d, CG_PRECISION_DAY, TRUE, -1 }
#define DAY_T(t, d, h, m) { t, CG_DATE_OK, d, d, CG_PRECISION_DAY, FALSE, HM (h, m) }
#define MONTH(t, s, e)    { t, CG_DATE_OK, s, e, CG_PRECISION_MONTH, FALSE, -1 }
#define MONTH_U(t, s, e)  { t, CG_DATE_OK, s, e, CG_PRECISION_MONTH, TRUE, -1 }
#define YEAR(t, y)        { t, CG_DATE_OK, y "-01-01", y "-12-31", CG_PRECISION_YEAR, FALSE, -1 }
#define YEAR_U(t, y)      { t, CG_DATE_OK, y "-01-01", y "-12-31", CG_PRECISION_YEAR, TRUE, -1 }
#define SEASON(t, s, e)   { t, CG_DATE_OK, s, e, CG_PRECISION_SEASON, FALSE, -1 }
#define SEASON_U(t, s, e) { t, CG_DATE_OK, s, e, CG_PRECISION_SEASON, TRUE, -1 }
#define RANGE(t, s, e)    { t, CG_DATE_OK, s, e, CG_PRECISION_RANGE, FALSE, -1 }
#define RANGE_U(t, s, e)  { t, CG_DATE_OK, s, e, CG_PRECISION_RANGE, TRUE, -1 }
#define IMPOSSIBLE(t)     { t, CG_DATE_IMPOSSIBLE, NULL, NULL, CG_PRECISION_UNKNOWN, FALSE, -1 }
#define UNREADABLE(t)     { t, CG_DATE_UNREADABLE, NULL, NULL, CG_PRECISION_UNKNOWN, FALSE, -1 }
#define EMPTY(t)          { t, CG_DATE_EMPTY, NULL, NULL, CG_PRECISION_UNKNOWN, FALSE, -1 }

/* Read day first, no serial numbers. */
static const DateCase day_first_cases[] = {
  /* Numeric, day first */
  DAY ("12/03/2021", "2021-03-12"),
  DAY ("04/03/2021", "2021-03-04"),
  DAY ("12.3.21", "2021-03-12"),
  DAY ("12-03-2021", "2021-03-12"),
  DAY ("12 03 2021", "2021-03-12"),
  DAY ("1/3/21", "2021-03-01"),
  DAY ("01/03/1969", "1969-03-01"),
  DAY ("1/3/69", "1969-03-01"),
  DAY ("1/3/68", "2068-03-01"),
  DAY ("31/12/99", "1999-12-31"),
  DAY ("01/01/00", "2000-01-01"),
  DAY ("25/12/2020", "2020-12-25"),
  DAY ("31/12/2021", "2021-12-31"),
  DAY ("  12/03/2021  ", "2021-03-12"),
  DAY ("\t12/03/2021\r\n", "2021-03-12"),
  DAY ("7.11.2019", "2019-11-07"),
  DAY ("05-06-07", "2007-06-05"),
  DAY ("12/3/2021", "2021-03-12"),
  DAY ("30/04/2021", "2021-04-30"),
  DAY ("12,03,2021", "2021-03-12"),

  /* Leap years */
  DAY ("29/02/2020", "2020-02-29"),
  DAY ("29/02/2000", "2000-02-29"),
  DAY ("29/02/24", "2024-02-29"),
  IMPOSSIBLE ("29/02/2021"),
  IMPOSSIBLE ("29/02/1900"),
  IMPOSSIBLE ("29/02/2100"),
  IMPOSSIBLE ("29.2.19"),

  /* Impossible numeric dates */
  IMPOSSIBLE ("31/11/2021"),
  IMPOSSIBLE ("31/04/2021"),
  IMPOSSIBLE ("30/02/21"),
  IMPOSSIBLE ("00/05/2021"),
  IMPOSSIBLE ("12/13/2021"),
  IMPOSSIBLE ("13/13/2020"),
  IMPOSSIBLE ("32/01/2021"),
  IMPOSSIBLE ("00/00/0000"),
  IMPOSSIBLE ("31.06.2021"),
  IMPOSSIBLE ("31-09-2021"),
  IMPOSSIBLE ("12/00/2021"),
  IMPOSSIBLE ("03/25/2021"),

  /* ISO and system exports */
  DAY ("2021-03-12", "2021-03-12"),
  DAY ("2021/03/12", "2021-03-12"),
  DAY ("20210312", "2021-03-12"),
  DAY ("2021-3-5", "2021-03-05"),
  DAY_T ("2021-03-12T23:40", "2021-03-12", 23, 40),
  DAY_T ("2021-03-12 23:40:00", "2021-03-12", 23, 40),
  DAY_T ("2021-03-12T23:40:00Z", "2021-03-12", 23, 40),
  DAY_T ("2021-03-12T23:40:00.000Z", "2021-03-12", 23, 40),
  DAY_T ("2021-03-12 00:00:00", "2021-03-12", 0, 0),
  DAY_T ("2021-03-12T09:15:00+01:00", "2021-03-12", 9, 15),
  IMPOSSIBLE ("2021-02-30"),
  IMPOSSIBLE ("2021-13-01"),
  IMPOSSIBLE ("20210230"),

  /* Month names */
  DAY ("20-Jan-22", "2022-01-20"),
  DAY ("20 Jan 2022", "2022-01-20"),
  DAY ("20-January-2022", "2022-01-20"),
  DAY ("3rd March 2021", "2021-03-03"),
  DAY ("3 March 2021", "2021-03-03"),
  DAY ("March 3rd 2021", "2021-03-03"),
  DAY ("Wednesday 3 March 2021", "2021-03-03"),
  DAY ("Wed 3rd March 2021", "2021-03-03"),
  DAY ("Thursday, 4 March 2021", "2021-03-04"),
  DAY ("3 Sept 2021", "2021-09-03"),
  DAY ("3 Sep 2021", "2021-09-03"),
  DAY ("3 March, 2021", "2021-03-03"),
  DAY ("March 3, 2021", "2021-03-03"),
  DAY ("1st of May 2020", "2020-05-01"),
  DAY ("22nd June 2021", "2021-06-22"),
  DAY ("12-MAR-2021", "2021-03-12"),
  DAY ("12MAR2021", "2021-03-12"),
  DAY ("4 Mar 21", "2021-03-04"),
  DAY ("31 DECEMBER 2020", "2020-12-31"),
  DAY ("29 Feb 2024", "2024-02-29"),
  DAY ("Sept. 3, 2021", "2021-09-03"),
  DAY ("03 Aug 2019", "2019-08-03"),
  DAY ("1 Nov 2018", "2018-11-01"),
  DAY ("Fri 1st October 2021", "2021-10-01"),
  DAY ("the 3rd of March 2021", "2021-03-03"),
  IMPOSSIBLE ("31 June 2021"),
  IMPOSSIBLE ("29 February 2021"),
  IMPOSSIBLE ("30 Feb 2020"),
  IMPOSSIBLE ("0 March 2021"),

  /* Month only */
  MONTH ("March 2021", "2021-03-01", "2021-03-31"),
  MONTH ("Mar-21", "2021-03-01", "2021-03-31"),
  MONTH ("Mar 21", "2021-03-01", "2021-03-31"),
  MONTH ("03/2021", "2021-03-01", "2021-03-31"),
  MONTH ("3/2021", "2021-03-01", "2021-03-31"),
  MONTH ("08/21", "2021-08-01", "2021-08-31"),
  MONTH ("2021-03", "2021-03-01", "2021-03-31"),
  MONTH ("2021/03", "2021-03-01", "2021-03-31"),
  MONTH ("02/2021", "2021-02-01", "2021-02-28"),
  MONTH ("Feb 2020", "2020-02-01", "2020-02-29"),
  MONTH ("SEPT 2019", "2019-09-01", "2019-09-30"),
  MONTH ("Sept. 2019", "2019-09-01", "2019-09-30"),
  MONTH ("March, 2021", "2021-03-01", "2021-03-31"),
  MONTH ("December 1999", "1999-12-01", "1999-12-31"),
  MONTH ("12/2020", "2020-12-01", "2020-12-31"),
  MONTH ("june 2022", "2022-06-01", "2022-06-30"),
  IMPOSSIBLE ("13/2021"),
  IMPOSSIBLE ("00/2021"),
  IMPOSSIBLE ("2021-13"),

  /* Year */
  YEAR ("2019", "2019"),
  YEAR ("1985", "1985"),
  YEAR (" 2019 ", "2019"),

  /* Seasons */
  SEASON ("Spring 2020", "2020-03-01", "2020-05-31"),
  SEASON ("Summer 2020", "2020-06-01", "2020-08-31"),
  SEASON ("Autumn 2020", "2020-09-01", "2020-11-30"),
  SEASON ("Fall 2020", "2020-09-01", "2020-11-30"),
  SEASON ("Winter 2021", "2021-12-01", "2022-02-28"),
  SEASON ("Winter 2023", "2023-12-01", "2024-02-29"),
  SEASON ("summer 2019", "2019-06-01", "2019-08-31"),

  /* School terms (CPOMS and school chronologies) */
  SEASON ("Autumn term 2021", "2021-09-01", "2021-12-31"),
  SEASON ("Spring term 2022", "2022-01-01", "2022-03-31"),
  SEASON ("Summer term 2022", "2022-04-01", "2022-07-31"),
  SEASON ("Autumn Term 2021", "2021-09-01", "2021-12-31"),
  SEASON ("autumn term, 2021", "2021-09-01", "2021-12-31"),
  SEASON ("AUTUMN TERM 2021", "2021-09-01", "2021-12-31"),
  SEASON ("Autumn 1 2021", "2021-09-01", "2021-12-31"),
  SEASON ("Autumn 2 2021", "2021-09-01", "2021-12-31"),
  SEASON ("Spring 1 2022", "2022-01-01", "2022-03-31"),
  SEASON ("Summer 2 2022", "2022-04-01", "2022-07-31"),

  /* Ranges */
  RANGE ("w/c 14/06/2021", "2021-06-14", "2021-06-20"),
  RANGE ("w/c 14.6.21", "2021-06-14", "2021-06-20"),
  RANGE ("week commencing 14 June 2021", "2021-06-14", "2021-06-20"),
  RANGE ("W/C 14/06/21", "2021-06-14", "2021-06-20"),
  RANGE ("WC 14/06/2021", "2021-06-14", "2021-06-20"),
  RANGE ("w/c 28/12/2020", "2020-12-28", "2021-01-03"),
  RANGE ("12/03/2021 - 15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("12/03/2021 to 15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("12-15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("12/03/2021-15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("12-03-2021 - 15-03-2021", "2021-03-12", "2021-03-15"),
  RANGE ("12/03/2021 \xe2\x80\x93 15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("March - May 2021", "2021-03-01", "2021-05-31"),
  RANGE ("March to May 2021", "2021-03-01", "2021-05-31"),
  RANGE ("between 12/03/2021 and 15/03/2021", "2021-03-12", "2021-03-15"),
  RANGE ("Between 12 and 15 March 2021", "2021-03-12", "2021-03-15"),
  RANGE ("12 - 15 March 2021", "2021-03-12", "2021-03-15"),
  RANGE ("28/12/2020 - 03/01/2021", "2020-12-28", "2021-01-03"),
  RANGE ("Nov 2020 - Jan 2021", "2020-11-01", "2021-01-31"),
  RANGE ("2019 - 2021", "2019-01-01", "2021-12-31"),
  IMPOSSIBLE ("15/03/2021 - 12/03/2021"),
  IMPOSSIBLE ("15/03/2021 to 12/03/2021"),
  IMPOSSIBLE ("May - March 2021"),
  IMPOSSIBLE ("w/c 31/06/2021"),
  IMPOSSIBLE ("12/03/2021 - 31/11/2021"),
  IMPOSSIBLE ("between 12/03/2021 and 10/03/2021"),

  /* Uncertain */
  YEAR_U ("c. 2019", "2019"),
  YEAR_U ("c 2019", "2019"),
  YEAR_U ("circa 2019", "2019"),
  YEAR_U ("ca. 2019", "2019"),
  YEAR_U ("Circa 2019", "2019"),
  YEAR_U ("c.2019", "2019"),
  YEAR_U ("approximately 2019", "2019"),
  YEAR_U ("about 2019", "2019"),
  YEAR_U ("around 2019", "2019"),
  YEAR_U ("2019?", "2019"),
  MONTH_U ("approx March 2015", "2015-03-01", "2015-03-31"),
  MONTH_U ("approx. March 2015", "2015-03-01", "2015-03-31"),
  MONTH_U ("?08/21", "2021-08-01", "2021-08-31"),
  MONTH_U ("?/10/2021", "2021-10-01", "2021-10-31"),
  MONTH_U ("March 2021?", "2021-03-01", "2021-03-31"),
  DAY_U ("?12/05/2021", "2021-05-12"),
  DAY_U ("12/05/2021?", "2021-05-12"),
  DAY_U ("c. 12/05/2021", "2021-05-12"),
  DAY_U ("12/05/2021 (approx)", "2021-05-12"),
  SEASON_U ("Summer 2020?", "2020-06-01", "2020-08-31"),
  SEASON_U ("approx Autumn term 2021", "2021-09-01", "2021-12-31"),

  /* Date and time in one cell (Niche, Athena, Mosaic, SystmOne) */
  DAY_T ("12/03/2021 23:40", "2021-03-12", 23, 40),
  DAY_T ("12/03/2021 2.30pm", "2021-03-12", 14, 30),
  DAY_T ("12/03/2021 @ 23:40", "2021-03-12", 23, 40),
  DAY_T ("12/03/2021 at 14:00", "2021-03-12", 14, 0),
  DAY_T ("12/03/2021 23:40:15", "2021-03-12", 23, 40),
  DAY_T ("12/03/2021 2340hrs", "2021-03-12", 23, 40),
  DAY_T ("12/03/2021 11:40 PM", "2021-03-12", 23, 40),
  DAY_T ("12/03/2021 00:00", "2021-03-12", 0, 0),
  DAY_T ("12/03/2021 midday", "2021-03-12", 12, 0),
  DAY_T ("12-Mar-2021 14:05", "2021-03-12", 14, 5),
  DAY_T ("12 Mar 2021 14:05:33", "2021-03-12", 14, 5),
  DAY_T ("3 March 2021 at 9.30am", "2021-03-03", 9, 30),
  DAY_T ("12.03.2021 14.30", "2021-03-12", 14, 30),
  DAY_T ("01/02/2020 0915", "2020-02-01", 9, 15),
  IMPOSSIBLE ("31/11/2021 23:40"),

  /* Empty */
  EMPTY (""),
  EMPTY ("   "),
  EMPTY ("\t \r\n"),

  /* Not dates */
  UNREADABLE ("N/A"),
  UNREADABLE ("n/a"),
  UNREADABLE ("unknown"),
  UNREADABLE ("Unknown"),
  UNREADABLE ("TBC"),
  UNREADABLE ("see above"),
  UNREADABLE ("-"),
  UNREADABLE ("--"),
  UNREADABLE ("?"),
  UNREADABLE ("next week"),
  UNREADABLE ("not known"),
  UNREADABLE ("NK"),
  UNREADABLE ("yesterday"),
  UNREADABLE ("DOB"),
  UNREADABLE ("Monday"),
  UNREADABLE ("12"),
  UNREADABLE ("44562"),
  UNREADABLE ("44562.5"),
  UNREADABLE ("3 March"),
  UNREADABLE ("March"),
  UNREADABLE ("25/03"),
  UNREADABLE ("12/03/2021 garbage"),
  UNREADABLE ("12/03/2021 25:00"),
  UNREADABLE ("1/2/3"),
  UNREADABLE ("2021-03-12T"),
  UNREADABLE ("from 12/03/2021"),
  UNREADABLE ("12/03/2021 - "),
  UNREADABLE ("0"),
  UNREADABLE ("123456"),
  UNREADABLE ("99999999"),
  UNREADABLE ("6/12"),
};

static const DateCase month_first_cases[] = {
  DAY ("03/12/2021", "2021-03-12"),
  DAY ("12/03/2021", "2021-12-03"),
  DAY ("3/25/2021", "2021-03-25"),
  DAY ("12/25/20", "2020-12-25"),
  DAY ("12/13/2021", "2021-12-13"),
  DAY ("02/29/2020", "2020-02-29"),
  DAY ("2021-03-12", "2021-03-12"),
  DAY ("3 March 2021", "2021-03-03"),
  DAY ("March 3rd 2021", "2021-03-03"),
  DAY_T ("3/12/2021 11:40:00 PM", "2021-03-12", 23, 40),
  MONTH ("08/21", "2021-08-01", "2021-08-31"),
  MONTH ("03/2021", "2021-03-01", "2021-03-31"),
  YEAR ("2019", "2019"),
  RANGE ("w/c 06/14/2021", "2021-06-14", "2021-06-20"),
  IMPOSSIBLE ("25/03/2021"),
  IMPOSSIBLE ("02/30/2021"),
  IMPOSSIBLE ("02/29/2021"),
  UNREADABLE ("N/A"),
};

static const DateCase serial_cases[] = {
  DAY ("44562", "2022-01-01"),
  DAY_T ("44562.5", "2022-01-01", 12, 0),
  DAY_T ("44562.75", "2022-01-01", 18, 0),
  DAY ("44562.0", "2022-01-01"),
  DAY ("43831", "2020-01-01"),
  DAY ("25569", "1970-01-01"),
  DAY ("36526", "2000-01-01"),
  DAY ("1", "1900-01-01"),
  DAY ("59", "1900-02-28"),
  DAY ("61", "1900-03-01"),
  DAY ("3000", "1908-03-18"),
  DAY ("2958465", "9999-12-31"),
  DAY (" 44562 ", "2022-01-01"),
  YEAR ("2019", "2019"),
  YEAR ("1900", "1900"),
  YEAR ("2100", "2100"),
  DAY ("12/03/2021", "2021-03-12"),
  MONTH ("March 2021", "2021-03-01", "2021-03-31"),
  IMPOSSIBLE ("60"),
  UNREADABLE ("2958466"),
  UNREADABLE ("0"),
  UNREADABLE ("-44562"),
  UNREADABLE ("N/A"),
};

static void
check_case (const DateCase   *c,
            CgDateOrder       order,
            CgDateParseFlags  flags)
{
  CgPeriod period;
  g_autofree char *reason = NULL;
  CgDateStatus status;

  status = cg_date_parse (c->text, order, flags, &period, &reason);
  if (status != c->status)
    g_error ("“%s”: status %d, expected %d (%s)", c->text, status, c->status,
             reason ? reason : "no reason");

  if (status == CG_DATE_OK)
    {
      g_autofree char *start = cg_date_to_iso (period.start);
      g_autofree char *end = cg_date_to_iso (period.end);

      if (g_strcmp0 (start, c->start) != 0 || g_strcmp0 (end, c->end) != 0)
        g_error ("“%s”: %s..%s, expected %s..%s", c->text, start, end, c->start, c->end);
      if (period.precision != c->precision)
        g_error ("“%s”: precision %s, expected %s", c->text,
                 cg_precision_to_string (period.precision), cg_precision_to_string (c->precision));
      if (!period.uncertain != !c->uncertain)
        g_error ("“%s”: uncertain %d, expected %d", c->text, period.uncertain, c->uncertain);
      if (period.time != c->time)
        g_error ("“%s”: time %d, expected %d", c->text, period.time, c->time);
      g_assert_null (reason);
    }
  else
    {
      g_assert_cmpint (period.precision, ==, CG_PRECISION_UNKNOWN);
      g_assert_cmpuint (period.start, ==, 0);
      g_assert_cmpuint (period.end, ==, 0);
      if (status == CG_DATE_EMPTY)
        {
          g_assert_null (reason);
        }
      else
        {
          g_assert_nonnull (reason);
          g_assert_true (g_utf8_validate (reason, -1, NULL));
        }
    }
}

static void
test_day_first (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (day_first_cases); i++)
    check_case (&day_first_cases[i], CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
}

static void
test_month_first (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (month_first_cases); i++)
    check_case (&month_first_cases[i], CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_NONE);
}

static void
test_serial (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (serial_cases); i++)
    check_case (&serial_cases[i], CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
}

static void
test_null_and_defaults (void)
{
  CgPeriod period = { 99, 99, CG_PRECISION_DAY, TRUE, 42 };
  char *reason = (char *) "untouched";

  g_assert_cmpint (cg_date_parse (NULL, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period,
                                  &reason), ==, CG_DATE_EMPTY);
  g_assert_null (reason);
  g_assert_cmpuint (period.start, ==, 0);
  g_assert_cmpuint (period.end, ==, 0);
  g_assert_cmpint (period.precision, ==, CG_PRECISION_UNKNOWN);
  g_assert_false (period.uncertain);
  g_assert_cmpint (period.time, ==, -1);

  /* Neither out argument is required. */
  g_assert_cmpint (cg_date_parse ("12/03/2021", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE,
                                  NULL, NULL), ==, CG_DATE_OK);
  g_assert_cmpint (cg_date_parse ("31/11/2021", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE,
                                  NULL, NULL), ==, CG_DATE_IMPOSSIBLE);

  /* A '?' seen on a failed cell may still mark it uncertain */
  g_assert_cmpint (cg_date_parse ("31/11/2021?", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE,
                                  &period, NULL), ==, CG_DATE_IMPOSSIBLE);
  g_assert_cmpint (period.precision, ==, CG_PRECISION_UNKNOWN);
  g_assert_cmpuint (period.start, ==, 0);
}

static void
check_reason (const char   *text,
              CgDateStatus  status,
              const char   *expected)
{
  g_autofree char *reason = NULL;

  g_assert_cmpint (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, NULL,
                                  &reason), ==, status);
  g_assert_cmpstr (reason, ==, expected);
}

static void
test_reasons (void)
{
  check_reason ("31/11/2021", CG_DATE_IMPOSSIBLE, "November 2021 has only 30 days");
  check_reason ("29/02/2021", CG_DATE_IMPOSSIBLE,
                "29 February 2021 does not exist: 2021 is not a leap year");
  check_reason ("30 Feb 2020", CG_DATE_IMPOSSIBLE, "February 2020 has only 29 days");
  check_reason ("next week", CG_DATE_UNREADABLE,
                "“next week” is not a date Chronogram can read");
  check_reason ("  TBC ", CG_DATE_UNREADABLE, "“TBC” is not a date Chronogram can read");
  check_reason ("3 March", CG_DATE_UNREADABLE, "“3 March” has no year");
  check_reason ("12/03/2021", CG_DATE_OK, NULL);
  check_reason ("", CG_DATE_EMPTY, NULL);

  /* Some reason, in valid UTF-8, even for bytes that are not */
  {
    g_autofree char *reason = NULL;

    g_assert_cmpint (cg_date_parse ("\xff\xfe 12/\x80", CG_DATE_ORDER_DAY_FIRST,
                                    CG_DATE_PARSE_NONE, NULL, &reason), ==, CG_DATE_UNREADABLE);
    g_assert_nonnull (reason);
    g_assert_true (g_utf8_validate (reason, -1, NULL));
  }
  {
    g_autofree char *reason = NULL;

    g_assert_cmpint (cg_date_parse ("12/13/2021", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE,
                                    NULL, &reason), ==, CG_DATE_IMPOSSIBLE);
    g_assert_nonnull (strstr (reason, "13"));
  }
  {
    g_autofree char *reason = NULL;

    g_assert_cmpint (cg_date_parse ("15/03/2021 - 12/03/2021", CG_DATE_ORDER_DAY_FIRST,
                                    CG_DATE_PARSE_NONE, NULL, &reason), ==, CG_DATE_IMPOSSIBLE);
    g_assert_nonnull (reason);
  }
}

typedef struct
{
  const char     *text;
  CgDateReadings  readings;
} ReadingsCase;

static void
test_readings (void)
{
  static const ReadingsCase cases[] = {
    { "12/03/2021", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "01/01/2020", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "25/03/2021", CG_DATE_READS_DAY_FIRST },
    { "03/25/2021", CG_DATE_READS_MONTH_FIRST },
    { "31/11/2021", CG_DATE_READS_NEITHER },
    { "11/31/2021", CG_DATE_READS_NEITHER },
    { "13/13/2020", CG_DATE_READS_NEITHER },
    { "30.1.21", CG_DATE_READS_DAY_FIRST },
    { "1-30-21", CG_DATE_READS_MONTH_FIRST },
    { "12/03/2021 23:40", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "2021-03-12", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "3 March 2021", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "March 2021", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "03/2021", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "2019", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "Spring 2020", CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST },
    { "N/A", CG_DATE_READS_NEITHER },
    { "", CG_DATE_READS_NEITHER },
    { NULL, CG_DATE_READS_NEITHER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CgDateReadings got = cg_date_readings (cases[i].text);

      if (got != cases[i].readings)
        g_error ("readings of “%s”: %d, expected %d", cases[i].text, got, cases[i].readings);
    }
}

typedef struct
{
  const char *text;
  int         minutes;   /* -1: must fail */
} TimeCase;

static void
test_time (void)
{
  static const TimeCase cases[] = {
    { "23:40", HM (23, 40) },
    { "23.40", HM (23, 40) },
    { "2340", HM (23, 40) },
    { "0930", HM (9, 30) },
    { "9:30", HM (9, 30) },
    { "09:30", HM (9, 30) },
    { "11.40pm", HM (23, 40) },
    { "11:40 pm", HM (23, 40) },
    { "11:40 PM", HM (23, 40) },
    { "2.30pm", HM (14, 30) },
    { "2pm", HM (14, 0) },
    { "2 p.m.", HM (14, 0) },
    { "9.30am", HM (9, 30) },
    { "9:30 AM", HM (9, 30) },
    { "12am", 0 },
    { "12pm", HM (12, 0) },
    { "12:30am", HM (0, 30) },
    { "12.15pm", HM (12, 15) },
    { "23:40:15", HM (23, 40) },
    { "1:23:45 PM", HM (13, 23) },
    { "noon", HM (12, 0) },
    { "Midday", HM (12, 0) },
    { "midnight", 0 },
    { "12 noon", HM (12, 0) },
    { "00:00", 0 },
    { "0000", 0 },
    { "23:59", HM (23, 59) },
    { "2340hrs", HM (23, 40) },
    { "23:40 hrs", HM (23, 40) },
    { " 07:05 ", HM (7, 5) },
    { "24:00", -1 },
    { "24:30", -1 },
    { "23:60", -1 },
    { "2360", -1 },
    { "", -1 },
    { "   ", -1 },
    { "garbage", -1 },
    { "25", -1 },
    { "14", -1 },
    { "13pm", -1 },
    { "0am", -1 },
    { "2340pm", -1 },
    { "7:5", -1 },
    { "12:345", -1 },
    { "1.2.3", -1 },
    { "23:40:61", -1 },
    { "-1:00", -1 },
    { "12:30 tomorrow", -1 },
    { "99999999999999999999:00", -1 },
    { NULL, -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int minutes = -77;
      gboolean ok = cg_time_parse (cases[i].text, &minutes);

      if (cases[i].minutes < 0)
        {
          if (ok || minutes != -77)
            g_error ("time “%s” read as %d", cases[i].text, minutes);
        }
      else if (!ok || minutes != cases[i].minutes)
        {
          g_error ("time “%s”: %d (%d), expected %d", cases[i].text, minutes, ok,
                   cases[i].minutes);
        }
    }
}

static void
test_conversions (void)
{
  g_autofree char *iso = NULL;
  g_autofree char *t0 = cg_time_to_string (0);
  g_autofree char *t1 = cg_time_to_string (HM (23, 59));
  g_autofree char *t2 = cg_time_to_string (HM (9, 5));
  int y, m, d;

  g_assert_cmpuint (cg_date_from_ymd (1, 1, 1), ==, 1);
  g_assert_cmpuint (cg_date_from_ymd (2021, 2, 29), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (2020, 2, 29), !=, 0);
  g_assert_cmpuint (cg_date_from_ymd (0, 1, 1), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (2021, 13, 1), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (2021, 1, 0), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (-5, -5, -5), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (G_MAXINT, G_MAXINT, G_MAXINT), ==, 0);
  g_assert_cmpuint (cg_date_from_ymd (2021, 3, 13) - cg_date_from_ymd (2021, 3, 12), ==, 1);

  g_assert_cmpuint (cg_date_from_iso ("2021-03-12"), ==, cg_date_from_ymd (2021, 3, 12));
  g_assert_cmpuint (cg_date_from_iso ("0001-01-01"), ==, 1);
  g_assert_cmpuint (cg_date_from_iso ("2021-3-12"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso ("2021-03-12 "), ==, 0);
  g_assert_cmpuint (cg_date_from_iso (" 2021-03-12"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso ("20210312"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso ("12/03/2021"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso ("2021-02-29"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso ("0000-01-01"), ==, 0);
  g_assert_cmpuint (cg_date_from_iso (""), ==, 0);
  g_assert_cmpuint (cg_date_from_iso (NULL), ==, 0);

  iso = cg_date_to_iso (cg_date_from_ymd (2021, 3, 12));
  g_assert_cmpstr (iso, ==, "2021-03-12");
  g_clear_pointer (&iso, g_free);
  iso = cg_date_to_iso (1);
  g_assert_cmpstr (iso, ==, "0001-01-01");
  g_assert_null (cg_date_to_iso (0));

  cg_date_to_ymd (cg_date_from_ymd (2020, 2, 29), &y, &m, &d);
  g_assert_cmpint (y, ==, 2020);
  g_assert_cmpint (m, ==, 2);
  g_assert_cmpint (d, ==, 29);
  cg_date_to_ymd (0, &y, &m, &d);
  g_assert_cmpint (y, ==, 0);
  g_assert_cmpint (m, ==, 0);
  g_assert_cmpint (d, ==, 0);
  cg_date_to_ymd (1, NULL, NULL, NULL);

  g_assert_cmpstr (t0, ==, "00:00");
  g_assert_cmpstr (t1, ==, "23:59");
  g_assert_cmpstr (t2, ==, "09:05");
  g_assert_null (cg_time_to_string (-1));
  g_assert_null (cg_time_to_string (1440));

  for (CgPrecision p = CG_PRECISION_UNKNOWN; p <= CG_PRECISION_RANGE; p++)
    g_assert_cmpint (cg_precision_from_string (cg_precision_to_string (p)), ==, p);
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_DAY), ==, "day");
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_MONTH), ==, "month");
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_SEASON), ==, "season");
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_YEAR), ==, "year");
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_RANGE), ==, "range");
  g_assert_cmpstr (cg_precision_to_string (CG_PRECISION_UNKNOWN), ==, "unknown");
  g_assert_cmpint (cg_precision_from_string ("weekly"), ==, CG_PRECISION_UNKNOWN);
  g_assert_cmpint (cg_precision_from_string (""), ==, CG_PRECISION_UNKNOWN);
  g_assert_cmpint (cg_precision_from_string (NULL), ==, CG_PRECISION_UNKNOWN);
}

static char *
describe_text (const char *text)
{
  CgPeriod period;

  cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, &period, NULL);
  return cg_period_describe (&period);
}

typedef struct
{
  const char *text;
  const char *description;
} DescribeCase;

static void
test_describe (void)
{
  static const DescribeCase cases[] = {
    { "12/03/2021", "12 March 2021" },
    { "12/03/2021 23:40", "12 March 2021, 23:40" },
    { "March 2021", "March 2021" },
    { "approx March 2021", "about March 2021" },
    { "Autumn 2021", "Autumn 2021 (1 September – 30 November 2021)" },
    { "Winter 2021", "Winter 2021 (1 December 2021 – 28 February 2022)" },
    { "Autumn term 2021", "Autumn term 2021 (1 September – 31 December 2021)" },
    { "Spring term 2022", "Spring term 2022 (1 January – 31 March 2022)" },
    { "2019", "2019" },
    { "c. 2019", "about 2019" },
    { "w/c 14/06/2021", "14 – 20 June 2021" },
    { "March - May 2021", "March – May 2021" },
    { "28/12/2020 - 03/01/2021", "28 December 2020 – 3 January 2021" },
    { "N/A", "date unknown" },
    { "", "date unknown" },
  };
  CgPeriod period = { 0, 0, CG_PRECISION_UNKNOWN, FALSE, -1 };
  g_autofree char *unknown = cg_period_describe (&period);
  g_autofree char *null = cg_period_describe (NULL);
  g_autofree char *day = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = describe_text (cases[i].text);

      g_assert_cmpstr (got, ==, cases[i].description);
    }

  g_assert_cmpstr (unknown, ==, "date unknown");
  g_assert_cmpstr (null, ==, "date unknown");

  period.start = period.end = cg_date_from_ymd (2021, 3, 12);
  period.precision = CG_PRECISION_DAY;
  period.time = HM (9, 5);
  period.uncertain = TRUE;
  day = cg_period_describe (&period);
  g_assert_cmpstr (day, ==, "about 12 March 2021, 09:05");

  /* Nonsense periods are described, not crashed on */
  period.start = 5;
  period.end = 2;
  g_free (cg_period_describe (&period));
  period.start = G_MAXUINT32;
  period.end = G_MAXUINT32;
  g_free (cg_period_describe (&period));
  period.start = 1;
  period.time = 99999;
  period.precision = (CgPrecision) 77;
  g_free (cg_period_describe (&period));
}

/* Robustness: only invariants are checked. */

static const char *const seeds[] = {
  "12/03/2021", "2021-03-12T23:40:00Z", "20-Jan-22", "Wed 3rd March 2021", "Mar-21", "?08/21",
  "w/c 14/06/2021", "12-15/03/2021", "between 12/03/2021 and 15/03/2021", "Autumn term 2021/22",
  "c. 2019", "12/03/2021 2.30pm", "44562.5", "March - May 2021", "Winter 2021", "29/02/2020",
  "12/03/2021-15/03/2021", "mid-2019", "Autumn 1 2021", "23:40 12/03/2021", "N/A",
};

static const char alphabet[] = "0123456789/.-: ,?@()ctwmaprjnuebsoyhlkgdvfi'\t";

static char *
random_string (void)
{
  int kind = g_test_rand_int_range (0, 4);
  GString *s;

  if (kind == 0)
    {
      int len = g_test_rand_int_range (0, 60);

      s = g_string_new (NULL);
      for (int i = 0; i < len; i++)
        g_string_append_c (s, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);
      return g_string_free (s, FALSE);
    }
  if (kind == 1)
    {
      int len = g_test_rand_int_range (0, 40);

      s = g_string_new (NULL);
      for (int i = 0; i < len; i++)
        g_string_append_c (s, (char) g_test_rand_int_range (1, 256));
      return g_string_free (s, FALSE);
    }

  s = g_string_new (seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))]);
  for (int n = g_test_rand_int_range (1, 5); n > 0; n--)
    {
      int op = g_test_rand_int_range (0, 5);
      int pos = s->len == 0 ? 0 : g_test_rand_int_range (0, s->len + 1);

      if (op == 0)
        g_string_insert_c (s, pos, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);
      else if (op == 1 && pos < (int) s->len)
        g_string_erase (s, pos, 1);
      else if (op == 2)
        g_string_insert_c (s, pos, (char) g_test_rand_int_range (1, 256));
      else if (op == 3)
        g_string_insert (s, pos, seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))]);
      else if (pos < (int) s->len)
        s->str[pos] = (char) g_test_rand_int_range ('0', '9' + 1);
    }
  return g_string_free (s, FALSE);
}

static void
check_invariants (const char       *text,
                  CgDateOrder       order,
                  CgDateParseFlags  flags)
{
  CgPeriod period;
  g_autofree char *reason = NULL;
  CgDateStatus status = cg_date_parse (text, order, flags, &period, &reason);
  int minutes = -5;

  if (status == CG_DATE_OK)
    {
      g_autofree char *description = cg_period_describe (&period);

      g_assert_cmpuint (period.start, !=, 0);
      g_assert_cmpuint (period.start, <=, period.end);
      g_assert_cmpint (period.precision, !=, CG_PRECISION_UNKNOWN);
      g_assert_true (period.time >= -1 && period.time < 1440);
      g_assert_null (reason);
      g_assert_true (g_utf8_validate (description, -1, NULL));
    }
  else
    {
      g_assert_cmpuint (period.start, ==, 0);
      g_assert_cmpuint (period.end, ==, 0);
      g_assert_cmpint (period.precision, ==, CG_PRECISION_UNKNOWN);
      if (status == CG_DATE_EMPTY)
        g_assert_null (reason);
      else
        g_assert_true (reason != NULL && g_utf8_validate (reason, -1, NULL));
    }

  cg_date_readings (text);
  if (cg_time_parse (text, &minutes))
    g_assert_true (minutes >= 0 && minutes < 1440);
  else
    g_assert_cmpint (minutes, ==, -5);
}

static void
test_robustness (void)
{
  g_autoptr(GString) long_digits = g_string_new (NULL);
  g_autoptr(GString) long_mixed = g_string_new (NULL);

  for (int i = 0; i < 4000; i++)
    {
      g_autofree char *text = random_string ();

      check_invariants (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
      check_invariants (text, CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
    }

  for (int i = 0; i < 20000; i++)
    g_string_append_c (long_digits, '9');
  check_invariants (long_digits->str, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
  g_string_truncate (long_digits, 12);
  check_invariants (long_digits->str, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
  g_string_append (long_digits, "/99999999999/999999999999.99999999999999999999");
  check_invariants (long_digits->str, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);

  for (int i = 0; i < 3000; i++)
    g_string_append (long_mixed, i % 2 ? "12/03/2021 - " : "c. ");
  check_invariants (long_mixed->str, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  g_string_truncate (long_mixed, 190);
  check_invariants (long_mixed->str, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("44562.999999999", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
  check_invariants ("2958465.9999", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
  check_invariants ("w/e 01/01/0001", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("w/c 31/12/9999", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("Winter 9999", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("\xe2\x80", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("\xe2", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("\xc2", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_invariants ("\xef\xbb", CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
}

/* The shortcut for digits-only days must read every cell exactly as the full
 * parser does: status, period and reason, in both orders, both flags. */
static void
check_same_as_full (const char *text)
{
  static const CgDateOrder orders[] = { CG_DATE_ORDER_DAY_FIRST, CG_DATE_ORDER_MONTH_FIRST };
  static const CgDateParseFlags flags[] = { CG_DATE_PARSE_NONE, CG_DATE_PARSE_ALLOW_SERIAL };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
      {
        CgPeriod quick, full;
        g_autofree char *quick_reason = NULL;
        g_autofree char *full_reason = NULL;
        CgDateStatus quick_status = cg_date_parse (text, orders[o], flags[f], &quick,
                                                   &quick_reason);
        CgDateStatus full_status = cg_date_parse (text, orders[o], flags[f] | CG_DATE_PARSE_FULL,
                                                  &full, &full_reason);

        if (quick_status != full_status || quick.start != full.start || quick.end != full.end ||
            quick.precision != full.precision || quick.uncertain != full.uncertain ||
            quick.time != full.time || g_strcmp0 (quick_reason, full_reason) != 0)
          g_error ("“%s” (order %d, flags %d): shortcut %d %u..%u “%s”, full parser %d %u..%u “%s”",
                   text, orders[o], flags[f], quick_status, quick.start, quick.end,
                   quick_reason ? quick_reason : "", full_status, full.start, full.end,
                   full_reason ? full_reason : "");
      }
}

static void
test_shortcut (void)
{
  static const char * const shapes[] = { "%d/%d/%d", "%02d/%02d/%04d", "%02d.%02d.%04d",
                                          "%d-%d-%04d", "%02d-%02d-%04d", "%d/%d/%02d",
                                          "%02d.%02d.%02d", "%02d/%02d/%04d 23:40",
                                          "%02d/%02d/%04d 00:00" };
  static const char * const times[] = {
    "23:40", "2340", "2.30pm", "00:00", "24:00", "23:60", "7:05", "07:05:59", "12:00:61",
    "9am", "12 noon", "midnight", "23:40 ", "23:40hrs", "23:40+01:00", "23", "", " ", "x",
    "23:40 23:40", "T23:40", "at 23:40", "- 15/03/2021", "to 15/03/2021", "23:40:00.123",
    "12.30", "1230h", "2,30", "14:00 (approx)",
  };
  static const char * const others[] = {
    "2021-03-12", "2021/3/12", "2021.03.12", "2021-3-1", "2021-13-01", "2021-02-29",
    "2020-02-29", "0000-01-01", "9999-12-31", "12/03/21", "12/03/2021/", "/12/03/2021",
    "12/03-2021", "12//03/2021", "12/03/20211", "123/03/2021", "12/033/2021", "1/1/1",
    "12/03/2021 ", " 12/03/2021", "12/03/0000", "00/00/0000", "31/12/9999", "1.1.0001",
    "12-03-2021-", "12/03", "2021", "44562", "12/03/2021 23:40", "?12/03/2021",
  };

  /* Every day and impossible day of three years, in each written shape. */
  for (int year = 2019; year <= 2021; year += 2)
    for (int first = 0; first <= 32; first++)
      for (int second = 0; second <= 13; second++)
        for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
          {
            g_autofree char *text = g_strdup_printf (shapes[k], first, second, year);
            g_autofree char *short_year = g_strdup_printf (shapes[k], first, second, year % 100);
            g_autofree char *old_year = g_strdup_printf (shapes[k], first, second, 68 + year % 2);

            check_same_as_full (text);
            check_same_as_full (short_year);
            check_same_as_full (old_year);
          }
  for (int year = 2019; year <= 2021; year++)
    for (int month = 0; month <= 13; month++)
      for (int day = 0; day <= 32; day++)
        {
          g_autofree char *text = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

          check_same_as_full (text);
        }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    check_same_as_full (others[i]);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      static const char * const days[] = { "12/03/2021", "31/11/2021", "3/12/21", "2021-03-12",
                                           "13/13/2021", "00/01/2021" };

      for (guint k = 0; k < G_N_ELEMENTS (days); k++)
        {
          g_autofree char *one = g_strdup_printf ("%s %s", days[k], times[i]);
          g_autofree char *two = g_strdup_printf ("%s  %s", days[k], times[i]);

          check_same_as_full (one);
          check_same_as_full (two);
        }
    }
  for (int year = 0; year <= 9999; year += 37)
    {
      g_autofree char *text = g_strdup_printf ("29/02/%04d", year);

      check_same_as_full (text);
    }

  /* The shortcut alone, for callers that remember the other shapes. */
  {
    CgPeriod period;
    CgDateStatus status;
    g_autofree char *reason = NULL;

    g_assert_true (cg_date_parse_quick ("12/03/2021 23:40", CG_DATE_ORDER_DAY_FIRST, &period,
                                        &status, NULL));
    g_assert_cmpint (status, ==, CG_DATE_OK);
    g_assert_cmpint (period.time, ==, 23 * 60 + 40);
    g_assert_true (cg_date_parse_quick ("31/11/2021", CG_DATE_ORDER_DAY_FIRST, &period, &status,
                                        &reason));
    g_assert_cmpint (status, ==, CG_DATE_IMPOSSIBLE);
    g_assert_nonnull (reason);
    g_assert_cmpuint (period.start, ==, 0);
    g_assert_false (cg_date_parse_quick ("12 March 2021", CG_DATE_ORDER_DAY_FIRST, &period,
                                         &status, NULL));
    g_assert_false (cg_date_parse_quick ("44562", CG_DATE_ORDER_DAY_FIRST, NULL, &status, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/day-first", test_day_first);
  g_test_add_func ("/date/parse/month-first", test_month_first);
  g_test_add_func ("/date/parse/serial", test_serial);
  g_test_add_func ("/date/parse/null", test_null_and_defaults);
  g_test_add_func ("/date/parse/reasons", test_reasons);
  g_test_add_func ("/date/readings", test_readings);
  g_test_add_func ("/date/time", test_time);
  g_test_add_func ("/date/conversions", test_conversions);
  g_test_add_func ("/date/describe", test_describe);
  g_test_add_func ("/date/robustness", test_robustness);
  g_test_add_func ("/date/parse/shortcut", test_shortcut);

  return g_test_run ();
}
