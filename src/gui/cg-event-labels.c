/* cg-event-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-event-labels"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-event-labels.h"

static const char * const short_months[] = {
  NULL,
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
  NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
  NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

static const char *
short_month (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (NULL, "month", short_months[month]);
}

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);
}

/* "2 Mar 2019" */
char *
_cg_day_dup_short (guint32 day)
{
  int y, m, d;

  if (day == 0)
    return g_strdup ("");
  cg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%d %s %d", d, short_month (m), y);
}

/* "02/03/2019": how the author types dates in the review details. */
char *
_cg_day_dup_numeric (guint32 day)
{
  int y, m, d;

  if (day == 0)
    return g_strdup ("");
  cg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

/* Whole months and years read without their days: "Mar 2021", "2019 – 2020". */
static char *
dup_short_span (guint32 start,
                guint32 end)
{
  int y1, m1, d1, y2, m2, d2;

  cg_date_to_ymd (start, &y1, &m1, &d1);
  cg_date_to_ymd (end, &y2, &m2, &d2);

  if (start == end)
    return _cg_day_dup_short (start);

  if (d1 == 1 && d2 == days_in_month (y2, m2))
    {
      if (m1 == 1 && m2 == 12)
        return y1 == y2 ? g_strdup_printf ("%d", y1) : g_strdup_printf ("%d – %d", y1, y2);
      if (y1 == y2 && m1 == m2)
        return g_strdup_printf ("%s %d", short_month (m1), y1);
      if (y1 == y2)
        return g_strdup_printf ("%s – %s %d", short_month (m1), short_month (m2), y1);
      return g_strdup_printf ("%s %d – %s %d", short_month (m1), y1, short_month (m2), y2);
    }

  if (y1 == y2 && m1 == m2)
    return g_strdup_printf ("%d–%d %s %d", d1, d2, short_month (m1), y1);
  if (y1 == y2)
    return g_strdup_printf ("%d %s – %d %s %d", d1, short_month (m1), d2, short_month (m2), y1);
  return g_strdup_printf ("%d %s %d – %d %s %d",
                          d1, short_month (m1), y1, d2, short_month (m2), y2);
}

/* A season or school term reads as the core names it ("Autumn term 2021"),
 * without the days it covers. */
static char *
dup_season (const CgPeriod *period)
{
  CgPeriod plain = *period;
  g_autofree char *described = NULL;
  char *paren;

  plain.uncertain = FALSE;
  plain.time = -1;
  described = cg_period_describe (&plain);
  if ((paren = strstr (described, " (")) != NULL)
    *paren = '\0';
  return g_steal_pointer (&described);
}

static gboolean
date_is_known (CgEvent *event)
{
  return event->date.precision != CG_PRECISION_UNKNOWN && event->date.start != 0 &&
         event->date.end >= event->date.start;
}

/* The Date column: short, and never hiding doubt. An uncertain date reads
 * "c. 2019"; a date that could not be read shows what the agency wrote after
 * a question mark. */
char *
_cg_event_dup_short_date (CgEvent *event)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  if (!date_is_known (event))
    {
      if (event->date_text != NULL && *event->date_text)
        /* Translators: a date that could not be read, followed by the text as written */
        return g_strdup_printf (_("? %s"), event->date_text);
      return g_strdup (_("No date"));
    }

  if (event->date.precision == CG_PRECISION_SEASON)
    text = dup_season (&event->date);
  else
    text = dup_short_span (event->date.start, event->date.end);

  if (event->date.uncertain)
    /* Translators: "circa": an uncertain date such as "c. 2019" */
    return g_strdup_printf (_("c. %s"), text);
  return g_steal_pointer (&text);
}

char *
_cg_event_dup_date_tooltip (CgEvent *event)
{
  g_autofree char *described = NULL;

  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  if (!date_is_known (event))
    {
      if (event->date_text != NULL && *event->date_text)
        return g_strdup_printf (_("The date “%s” could not be read"), event->date_text);
      return g_strdup (_("The record has no date"));
    }

  described = cg_period_describe (&event->date);
  if (event->date_text != NULL && *event->date_text)
    /* Translators: the date as understood, then as the agency wrote it */
    return g_strdup_printf (_("%s (written “%s”)"), described, event->date_text);
  return g_steal_pointer (&described);
}

char *
_cg_event_dup_time (CgEvent *event)
{
  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  if (event->date.time < 0)
    return NULL;
  return cg_time_to_string (event->date.time);
}

const char *
_cg_event_get_recording_label (CgEvent *event)
{
  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  switch (event->recording)
    {
    case CG_RECORDING_RETROSPECTIVE:
      return _("Retrospective");
    case CG_RECORDING_CONTEMPORANEOUS:
      return _("Contemporaneous");
    case CG_RECORDING_UNKNOWN:
    default:
      return NULL;
    }
}

char *
_cg_event_dup_recording_description (CgEvent *event)
{
  GString *text;

  g_return_val_if_fail (CG_IS_EVENT (event), NULL);

  text = g_string_new (NULL);
  switch (event->recording)
    {
    case CG_RECORDING_RETROSPECTIVE:
      if (event->lag_days != G_MININT && event->lag_days > 0)
        g_string_append_printf (text,
                                g_dngettext (NULL,
                                             "Retrospective: written %d day after the event",
                                             "Retrospective: written %d days after the event",
                                             event->lag_days),
                                event->lag_days);
      else
        g_string_append (text, _("Retrospective: an account given later"));
      break;
    case CG_RECORDING_CONTEMPORANEOUS:
      g_string_append (text, _("Contemporaneous: written at the time"));
      break;
    case CG_RECORDING_UNKNOWN:
    default:
      g_string_append (text, _("Not known when this was written"));
      break;
    }

  if (event->after_incident)
    g_string_append (text, _("; written after the critical incident"));

  return g_string_free (text, FALSE);
}

const char *
_cg_precision_get_label (CgPrecision precision)
{
  switch (precision)
    {
    case CG_PRECISION_DAY:    return _("Exact day");
    case CG_PRECISION_MONTH:  return _("Month only");
    case CG_PRECISION_SEASON: return _("Season or school term");
    case CG_PRECISION_YEAR:   return _("Year only");
    case CG_PRECISION_RANGE:  return _("Date range");
    case CG_PRECISION_UNKNOWN:
    default:                  return _("Not known");
    }
}

const char *
_cg_child_seen_get_label (int child_seen)
{
  if (child_seen > 0)
    return _("Seen");
  if (child_seen == 0)
    return _("Not seen");
  return NULL;
}
