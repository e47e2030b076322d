/* fuzz-date.c: the date and time parser on any text
 *
 * The invariants are those of test-date.c's robustness test: a date read is a
 * real, ordered period; a refusal leaves no period and gives a readable
 * reason; a time is a minute of the day; both orders and both flags are tried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cg-date.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Longer than any date cell; the parser must still cope with much longer. */
#define LARGEST_INPUT 4096

static void
check_parse (const char       *text,
             CgDateOrder       order,
             CgDateParseFlags  flags)
{
  CgPeriod period = { 7, 7, CG_PRECISION_DAY, FALSE, 7 };
  CgPeriod again = { 0 };
  g_autofree char *reason = NULL;
  CgDateStatus status = cg_date_parse (text, order, flags, &period, &reason);

  FUZZ_ASSERT (status == CG_DATE_OK || status == CG_DATE_EMPTY ||
               status == CG_DATE_IMPOSSIBLE || status == CG_DATE_UNREADABLE);
  FUZZ_ASSERT (period.time >= -1 && period.time < 24 * 60);

  if (status == CG_DATE_OK)
    {
      g_autofree char *description = cg_period_describe (&period);
      g_autofree char *start = cg_date_to_iso (period.start);
      g_autofree char *end = cg_date_to_iso (period.end);
      int year, month, dom;

      FUZZ_ASSERT (period.start != 0);
      FUZZ_ASSERT (period.start <= period.end);
      FUZZ_ASSERT (period.precision != CG_PRECISION_UNKNOWN);
      FUZZ_ASSERT (period.precision <= CG_PRECISION_RANGE);
      FUZZ_ASSERT (reason == NULL);
      FUZZ_ASSERT (description != NULL && g_utf8_validate (description, -1, NULL));

      /* Both ends are real days that survive the trip through ISO text,
       * which is how the case file stores them. */
      cg_date_to_ymd (period.start, &year, &month, &dom);
      FUZZ_ASSERT (g_date_valid_dmy (dom, month, year));
      FUZZ_ASSERT (start != NULL && end != NULL);
      FUZZ_ASSERT (cg_date_from_iso (start) == period.start);
      FUZZ_ASSERT (cg_date_from_iso (end) == period.end);
      if (period.precision == CG_PRECISION_DAY)
        FUZZ_ASSERT (period.start == period.end);
    }
  else
    {
      FUZZ_ASSERT (period.start == 0 && period.end == 0);
      FUZZ_ASSERT (period.precision == CG_PRECISION_UNKNOWN);
      if (status == CG_DATE_EMPTY)
        FUZZ_ASSERT (reason == NULL);
      else
        FUZZ_ASSERT (reason != NULL && g_utf8_validate (reason, -1, NULL));
    }

  /* The same text always reads the same way, and the out arguments are optional. */
  FUZZ_ASSERT (cg_date_parse (text, order, flags, &again, NULL) == status);
  FUZZ_ASSERT (again.start == period.start && again.end == period.end);
  FUZZ_ASSERT (again.precision == period.precision && again.uncertain == period.uncertain);
  FUZZ_ASSERT (again.time == period.time);
  FUZZ_ASSERT (cg_date_parse (text, order, flags, NULL, NULL) == status);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  CgDateReadings readings;
  int minutes = -5;

  if (size > LARGEST_INPUT)
    return 0;
  /* A cell is a C string: it ends at the first NUL. */
  text = g_strndup ((const char *)data, size);

  check_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE);
  check_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);
  check_parse (text, CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_NONE);
  check_parse (text, CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_ALLOW_SERIAL);

  /* The readings decide a column's order: they must agree with the parser. */
  readings = cg_date_readings (text);
  FUZZ_ASSERT ((readings & ~(CG_DATE_READS_DAY_FIRST | CG_DATE_READS_MONTH_FIRST)) == 0);
  FUZZ_ASSERT (!!(readings & CG_DATE_READS_DAY_FIRST) ==
               (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, NULL, NULL)
                == CG_DATE_OK));
  FUZZ_ASSERT (!!(readings & CG_DATE_READS_MONTH_FIRST) ==
               (cg_date_parse (text, CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_NONE, NULL, NULL)
                == CG_DATE_OK));

  if (cg_time_parse (text, &minutes))
    {
      g_autofree char *shown = cg_time_to_string (minutes);
      int back = -5;

      FUZZ_ASSERT (minutes >= 0 && minutes < 24 * 60);
      /* "HH:MM" reads back as the same minute. */
      FUZZ_ASSERT (shown != NULL && cg_time_parse (shown, &back) && back == minutes);
    }
  else
    FUZZ_ASSERT (minutes == -5);

  return 0;
}
