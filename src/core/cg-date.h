/* cg-date.h: reading the dates agencies write, UK day-first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How precisely a record's date is known. The names are the JSON export's. */
typedef enum
{
  CG_PRECISION_UNKNOWN,
  CG_PRECISION_DAY,
  CG_PRECISION_MONTH,
  CG_PRECISION_SEASON,
  CG_PRECISION_YEAR,
  CG_PRECISION_RANGE,
} CgPrecision;

typedef enum
{
  CG_DATE_ORDER_DAY_FIRST,
  CG_DATE_ORDER_MONTH_FIRST,
} CgDateOrder;

typedef enum
{
  CG_DATE_PARSE_NONE         = 0,
  /* The cell comes from a date column: a bare whole number such as 44562 is an
   * Excel serial day (1900 system) rather than a year or nonsense. */
  CG_DATE_PARSE_ALLOW_SERIAL = 1 << 0,
  /* Always take the full parser, never the shortcut for plain numeric days;
   * the tests compare the two. */
  CG_DATE_PARSE_FULL         = 1 << 1,
} CgDateParseFlags;

typedef enum
{
  CG_DATE_OK,
  CG_DATE_EMPTY,       /* nothing but white space */
  CG_DATE_IMPOSSIBLE,  /* looks like a date but is not one: 31/11/2021, 29/02/2021, 13/13/2020 */
  CG_DATE_UNREADABLE,  /* not a date we can read */
} CgDateStatus;

/* Which readings of a numeric d/m/y text are valid: used once per column to
 * decide whether the column must be read month first. */
typedef enum
{
  CG_DATE_READS_NEITHER     = 0,
  CG_DATE_READS_DAY_FIRST   = 1 << 0,
  CG_DATE_READS_MONTH_FIRST = 1 << 1,
} CgDateReadings;

/* Days are GDate Julian day numbers (day 1 is 1 January of year 1); 0 means none. */
typedef struct
{
  guint32     start;
  guint32     end;        /* inclusive; equal to start for a single day */
  CgPrecision precision;
  gboolean    uncertain;  /* c., approx, circa, about, ?, ... */
  int         time;       /* minutes after midnight given in the same cell, or -1 */
} CgPeriod;

CgDateStatus    cg_date_parse            (const char        *text,
                                          CgDateOrder        order,
                                          CgDateParseFlags   flags,
                                          CgPeriod          *period,
                                          char             **reason);
gboolean        cg_date_parse_quick      (const char        *text,
                                          CgDateOrder        order,
                                          CgPeriod          *period,
                                          CgDateStatus      *status,
                                          char             **reason);
CgDateReadings  cg_date_readings         (const char        *text);
gboolean        cg_time_parse            (const char        *text,
                                          int               *minutes);

guint32         cg_date_from_ymd         (int                year,
                                          int                month,
                                          int                day);
guint32         cg_date_from_iso         (const char        *iso);
char           *cg_date_to_iso           (guint32            day);
void            cg_date_to_ymd           (guint32            day,
                                          int               *year,
                                          int               *month,
                                          int               *dom);
char           *cg_time_to_string        (int                minutes);
const char     *cg_precision_to_string   (CgPrecision        precision);
CgPrecision     cg_precision_from_string (const char        *text);
char           *cg_period_describe       (const CgPeriod    *period);

G_END_DECLS
