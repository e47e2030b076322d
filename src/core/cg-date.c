/* cg-date.c: reading the dates agencies write, UK day-first
 *
 * The cell is cleaned (ASCII lower case, '?' removed and noted, typographic
 * dashes, spaces and quotes folded, commas and brackets read as spaces), cut
 * into number, word and separator tokens, and then matched against a small
 * set of shapes. Nothing here depends on the locale.
 *
 * Choices where the product contract is silent:
 *  - A bare whole number with CG_DATE_PARSE_ALLOW_SERIAL: four digits from
 *    1000 to 2999 are a year; any other number from 1 to 2958465 is an Excel
 *    serial day (1900 system). Serial 60, Excel's 29 February 1900, is
 *    impossible. A fraction gives the time of day; an all-zero fraction
 *    ("44562.0") gives no time. Without the flag only four digits are read
 *    (as a year).
 *  - "Mar 21" is March 2021; "March 21 2021" and "March 21st" are days.
 *  - mm/yy needs a two-digit month ("08/21"): "6/12" and "3/52" are the
 *    clinical shorthand for six months and three weeks, not dates.
 *  - "early", "mid", "late", "start of", "end of" and the like keep the
 *    precision of what follows and mark it uncertain ("early 2019" is the
 *    year 2019, uncertain).
 *  - Half terms ("Autumn 1 2021") read as the whole term; "Autumn term
 *    2021/22" is autumn 2021, "Spring term 2021/22" is spring 2022.
 *  - Eight digits are yyyymmdd when that is a real day with a year from 1800
 *    to 2199, else ddmmyyyy (mmddyyyy when reading month first).
 *  - "00/00/0000" is impossible (there is no month 0), like "00/05/2021".
 *  - A range may not carry times; a time may come before the date
 *    ("23:40 12/03/2021"). Midnight written out ("00:00:00") is a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"

#define CELL_MAX_BYTES    4096     /* a longer cell is not a date */
#define CELL_MAX_CLEAN    200      /* nor is a longer cleaned cell */
#define CELL_MAX_TOKENS   (CELL_MAX_CLEAN + 1)
#define MAX_SERIAL        2958465  /* 9999-12-31 in Excel's 1900 system */
#define MAX_SHOWN_CHARS   40       /* of the cell quoted in a reason */
#define MINUTES_PER_DAY   1440
#define MAX_JULIAN        23936166u  /* 65535-12-31, GDate's last day */

typedef enum
{
  TK_NUM,
  TK_WORD,
  TK_SEP,
} TokenKind;

typedef struct
{
  TokenKind kind;
  guint     start;         /* byte offset in the cleaned text */
  guint     len;
  int       value;         /* TK_NUM; G_MAXINT when more than nine digits */
  char      sep;           /* TK_SEP */
  gboolean  space_before;
} Token;

typedef struct
{
  const char       *original;
  const char       *text;  /* cleaned */
  Token            *tokens;
  CgDateOrder       order;
  CgDateParseFlags  flags;
} Parser;

typedef enum
{
  MODE_NONE    = 0,
  MODE_TIME    = 1 << 0,   /* a time of day may follow a day */
  MODE_WHOLE   = 1 << 1,   /* the whole cell: mm/yy and serial numbers are allowed */
  MODE_PARTIAL = 1 << 2,   /* the start of a range: "12", "12 March" and "March" are allowed */
} Mode;

typedef enum
{
  PT_NONE,
  PT_DAY,
  PT_MONTH,
  PT_YEAR,
  PT_SEASON,
  PT_RANGE,
  PT_BARE_DAY,             /* partial: "12" in "12-15/03/2021" */
  PT_DAY_MONTH,            /* partial: "12 March" in "12 March - 3 April 2021" */
  PT_MONTH_NAME,           /* partial: "March" in "March - May 2021" */
} PointKind;

typedef enum
{
  NOTE_NONE,
  NOTE_DAY_FIRST,
  NOTE_MONTH_FIRST,
} OrderNote;

typedef struct
{
  CgDateStatus  status;    /* CG_DATE_OK, CG_DATE_IMPOSSIBLE or CG_DATE_UNREADABLE */
  char         *reason;
  PointKind     kind;
  int           year;
  int           month;
  int           day;
  guint32       start;
  guint32       end;
  int           time;
} Point;

static const char * const month_names[] = {
  NULL,
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
  N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

static const struct
{
  const char *word;
  int         month;
} month_words[] = {
  { "january", 1 }, { "jan", 1 },
  { "february", 2 }, { "feb", 2 }, { "febuary", 2 }, { "feburary", 2 },
  { "march", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 },
  { "may", 5 },
  { "june", 6 }, { "jun", 6 },
  { "july", 7 }, { "jul", 7 },
  { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "october", 10 }, { "oct", 10 },
  { "november", 11 }, { "nov", 11 },
  { "december", 12 }, { "dec", 12 },
};

static const char * const weekday_words[] = {
  "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "weds", "thursday", "thu",
  "thur", "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun",
};

/* Words before a date that make it approximate. */
static const char * const vague_words[] = {
  "c", "ca", "circa", "approx", "approximately", "about", "around", "roughly", "est",
  "estimated", "early", "mid", "late",
};

/* Words after a date that make it approximate. */
static const char * const vague_suffixes[] = {
  "approx", "approximately", "circa", "est", "estimated", "ish",
};

enum { SEASON_NONE, SEASON_SPRING, SEASON_SUMMER, SEASON_AUTUMN, SEASON_WINTER };

static void parse_point (Parser *p, int a, int b, Mode mode, Point *pt);
static char *shown_text (const char *text);

/* Calendar helpers */

static gboolean
ymd_valid (int year,
           int month,
           int day)
{
  if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
julian_valid (guint32 day)
{
  return day >= 1 && day <= MAX_JULIAN;
}

static guint32
julian_ymd (int year,
            int month,
            int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

static int
two_digit_year (int yy)
{
  return yy < 69 ? 2000 + yy : 1900 + yy;
}

/* Why (year, month, day) is not a day, or NULL when it is one. */
static char *
explain_ymd (int       year,
             int       month,
             int       day,
             OrderNote note)
{
  int dim;

  if (month < 1 || month > 12)
    {
      if (note == NOTE_DAY_FIRST)
        return g_strdup_printf (_("There is no month %d: dates are read day first"), month);
      if (note == NOTE_MONTH_FIRST)
        return g_strdup_printf (_("There is no month %d: dates are read month first"), month);
      return g_strdup_printf (_("There is no month %d"), month);
    }
  if (year < 1)
    return g_strdup (_("There is no year 0"));
  if (year > G_MAXUINT16)
    return g_strdup_printf (_("The year %d is too far in the future"), year);
  if (day < 1)
    return g_strdup (_("No month has a day 0"));

  dim = days_in_month (year, month);
  if (day > dim)
    {
      if (month == 2 && day == 29)
        return g_strdup_printf (_("29 February %d does not exist: %d is not a leap year"),
                                year, year);
      return g_strdup_printf (_("%s %d has only %d days"), _(month_names[month]), year, dim);
    }
  return NULL;
}

/* Points */

static void
point_init (Point *pt)
{
  memset (pt, 0, sizeof *pt);
  pt->status = CG_DATE_UNREADABLE;
  pt->time = -1;
}

static void
point_clear (Point *pt)
{
  g_clear_pointer (&pt->reason, g_free);
  point_init (pt);
}

static void
point_fail (Point        *pt,
            CgDateStatus  status,
            char         *reason)
{
  g_free (pt->reason);
  pt->reason = reason;
  pt->status = status;
  pt->start = pt->end = 0;
}

static void
point_day (Point     *pt,
           int        year,
           int        month,
           int        day,
           OrderNote  note)
{
  char *why = explain_ymd (year, month, day, note);

  pt->kind = PT_DAY;
  if (why != NULL)
    {
      point_fail (pt, CG_DATE_IMPOSSIBLE, why);
      return;
    }
  pt->status = CG_DATE_OK;
  pt->kind = PT_DAY;
  pt->year = year;
  pt->month = month;
  pt->day = day;
  pt->start = pt->end = julian_ymd (year, month, day);
}

static void
point_month (Point *pt,
             int    year,
             int    month)
{
  char *why = explain_ymd (year, month, 1, NOTE_NONE);

  pt->kind = PT_MONTH;
  if (why != NULL)
    {
      point_fail (pt, CG_DATE_IMPOSSIBLE, why);
      return;
    }
  pt->status = CG_DATE_OK;
  pt->kind = PT_MONTH;
  pt->year = year;
  pt->month = month;
  pt->start = julian_ymd (year, month, 1);
  pt->end = julian_ymd (year, month, days_in_month (year, month));
}

static void
point_year (Point *pt,
            int    year)
{
  pt->kind = PT_YEAR;
  if (year < 1)
    {
      point_fail (pt, CG_DATE_IMPOSSIBLE, g_strdup (_("There is no year 0")));
      return;
    }
  pt->status = CG_DATE_OK;
  pt->kind = PT_YEAR;
  pt->year = year;
  pt->start = julian_ymd (year, 1, 1);
  pt->end = julian_ymd (year, 12, 31);
}

static void
point_span (Point     *pt,
            PointKind  kind,
            guint32    start,
            guint32    end)
{
  pt->status = CG_DATE_OK;
  pt->kind = kind;
  pt->start = start;
  pt->end = end;
}

/* Cleaning and tokens */

static gboolean
is_blank (const char *text)
{
  const guchar *s = (const guchar *) text;

  while (*s != '\0')
    {
      if (g_ascii_isspace (*s))
        s++;
      else if (s[0] == 0xC2 && s[1] == 0xA0)
        s += 2;
      else
        return FALSE;
    }
  return TRUE;
}

/* Lower case ASCII with the typographic variants folded; NULL if too long. */
static char *
clean_text (const char *text,
            gboolean   *question)
{
  const guchar *s = (const guchar *) text;
  GString *out = g_string_new (NULL);

  *question = FALSE;
  if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    s += 3;

  while (*s != '\0' && out->len <= CELL_MAX_CLEAN)
    {
      if (*s == '?')
        {
          *question = TRUE;
          s++;
        }
      else if (g_ascii_isspace (*s) || *s == ',' || *s == '(' || *s == ')' || *s == '['
               || *s == ']' || *s == '{' || *s == '}' || *s == '"')
        {
          g_string_append_c (out, ' ');
          s++;
        }
      else if (s[0] == 0xC2 && s[1] == 0xA0)
        {
          g_string_append_c (out, ' ');
          s += 2;
        }
      else if (s[0] == 0xE2 && s[1] == 0x80 && s[2] != '\0')
        {
          guchar c = s[2];

          if (c >= 0x90 && c <= 0x95)           /* hyphens and dashes */
            g_string_append_c (out, '-');
          else if (c == 0x98 || c == 0x99)      /* single quotes */
            g_string_append_c (out, '\'');
          else if (c == 0x9C || c == 0x9D)      /* double quotes */
            g_string_append_c (out, ' ');
          else if ((c >= 0x80 && c <= 0x8A) || c == 0xAF)  /* spaces */
            g_string_append_c (out, ' ');
          else
            g_string_append_len (out, (const char *) s, 3);
          s += 3;
        }
      else if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)  /* minus sign */
        {
          g_string_append_c (out, '-');
          s += 3;
        }
      else
        {
          g_string_append_c (out, g_ascii_tolower (*s));
          s++;
        }
    }

  if (out->len > CELL_MAX_CLEAN)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static int
tokenize (const char *text,
          Token      *tokens,
          int         max_tokens)
{
  gboolean space = FALSE;
  guint i = 0;
  int n = 0;

  while (text[i] != '\0' && n < max_tokens)
    {
      guchar c = (guchar) text[i];
      Token *t = &tokens[n];

      if (c == ' ')
        {
          space = TRUE;
          i++;
          continue;
        }

      memset (t, 0, sizeof *t);
      t->start = i;
      t->space_before = space;
      space = FALSE;

      if (g_ascii_isdigit (c))
        {
          gint64 value = 0;

          t->kind = TK_NUM;
          while (g_ascii_isdigit (text[i]))
            {
              if (value <= G_MAXINT / 10 - 1)
                value = value * 10 + (text[i] - '0');
              else
                value = G_MAXINT;
              i++;
            }
          t->len = i - t->start;
          t->value = t->len > 9 ? G_MAXINT : (int) value;
        }
      else if (g_ascii_isalpha (c))
        {
          t->kind = TK_WORD;
          while (g_ascii_isalpha (text[i]))
            i++;
          t->len = i - t->start;
        }
      else
        {
          t->kind = TK_SEP;
          t->sep = (char) c;
          t->len = 1;
          i++;
        }
      n++;
    }

  return n;
}

static gboolean
is_num (Parser *p,
        int     i,
        int     b)
{
  return i < b && p->tokens[i].kind == TK_NUM;
}

static gboolean
is_sep (Parser     *p,
        int         i,
        int         b,
        const char *seps)
{
  return i < b && p->tokens[i].kind == TK_SEP && strchr (seps, p->tokens[i].sep) != NULL;
}

static gboolean
word_is (Parser     *p,
         int         i,
         int         b,
         const char *word)
{
  const Token *t;

  if (i >= b || p->tokens[i].kind != TK_WORD)
    return FALSE;
  t = &p->tokens[i];
  return t->len == strlen (word) && memcmp (p->text + t->start, word, t->len) == 0;
}

static gboolean
word_in (Parser            *p,
         int                i,
         int                b,
         const char * const *words,
         gsize               n_words)
{
  for (gsize k = 0; k < n_words; k++)
    {
      if (word_is (p, i, b, words[k]))
        return TRUE;
    }
  return FALSE;
}

static int
month_word (Parser *p,
            int     i,
            int     b)
{
  for (gsize k = 0; k < G_N_ELEMENTS (month_words); k++)
    {
      if (word_is (p, i, b, month_words[k].word))
        return month_words[k].month;
    }
  return 0;
}

static gboolean
is_ordinal (Parser *p,
            int     i,
            int     b)
{
  if (i >= b || p->tokens[i].space_before)
    return FALSE;
  return word_is (p, i, b, "st") || word_is (p, i, b, "nd") || word_is (p, i, b, "rd")
         || word_is (p, i, b, "th");
}

static int
season_word (Parser *p,
             int     i,
             int     b)
{
  if (word_is (p, i, b, "spring"))
    return SEASON_SPRING;
  if (word_is (p, i, b, "summer"))
    return SEASON_SUMMER;
  if (word_is (p, i, b, "autumn") || word_is (p, i, b, "fall"))
    return SEASON_AUTUMN;
  if (word_is (p, i, b, "winter"))
    return SEASON_WINTER;
  return SEASON_NONE;
}

/* A separator between two numbers: one of "/.-" or white space. Returns the
 * index of the token after it, or -1. */
static int
read_sep (Parser *p,
          int     i,
          int     b,
          char   *sep)
{
  if (is_sep (p, i, b, "/.-"))
    {
      *sep = p->tokens[i].sep;
      return i + 1;
    }
  if (i < b && p->tokens[i].space_before)
    {
      *sep = ' ';
      return i;
    }
  return -1;
}

/* Year written with two or four digits, or -1. */
static int
read_year (Parser *p,
           int     i,
           int     b)
{
  if (!is_num (p, i, b))
    return -1;
  if (p->tokens[i].len == 4)
    return p->tokens[i].value;
  if (p->tokens[i].len == 2)
    return two_digit_year (p->tokens[i].value);
  return -1;
}

/* The value of the first @max_digits digits of token @i, and 10^n in @scale. */
static gint64
leading_digits (Parser *p,
                int     i,
                guint   max_digits,
                gint64 *scale)
{
  const Token *t = &p->tokens[i];
  gint64 value = 0;

  *scale = 1;
  for (guint k = 0; k < t->len && k < max_digits; k++)
    {
      value = value * 10 + (p->text[t->start + k] - '0');
      *scale *= 10;
    }
  return value;
}

static char *
token_text (Parser *p,
            int     a,
            int     b)
{
  guint start = p->tokens[a].start;
  guint end = p->tokens[b - 1].start + p->tokens[b - 1].len;

  return g_strndup (p->text + start, end - start);
}

/* Shapes. Each returns TRUE when the tokens from @a have its shape, sets
 * *next to the first token after it, and fills @pt (which may be impossible,
 * or unreadable with a reason). */

/* d/m/y, m/d/y when reading month first, and y-m-d */
static gboolean
match_numeric_triple (Parser *p,
                      int     a,
                      int     b,
                      Mode    mode,
                      Point  *pt,
                      int    *next)
{
  const Token *t = p->tokens;
  char s1, s2;
  int j, k;

  if (!is_num (p, a, b))
    return FALSE;
  j = read_sep (p, a + 1, b, &s1);
  if (j < 0 || !is_num (p, j, b))
    return FALSE;
  k = read_sep (p, j + 1, b, &s2);
  if (k < 0 || !is_num (p, k, b) || s1 != s2)
    return FALSE;

  if (t[a].len == 4 && t[j].len <= 2 && t[k].len <= 2)
    {
      point_day (pt, t[a].value, t[j].value, t[k].value, NOTE_NONE);
    }
  else if (t[a].len <= 2 && t[j].len <= 2 && (t[k].len == 2 || t[k].len == 4))
    {
      int year = t[k].len == 2 ? two_digit_year (t[k].value) : t[k].value;

      if (p->order == CG_DATE_ORDER_MONTH_FIRST)
        point_day (pt, year, t[a].value, t[j].value, NOTE_MONTH_FIRST);
      else
        point_day (pt, year, t[j].value, t[a].value, NOTE_DAY_FIRST);
    }
  else
    {
      return FALSE;
    }

  *next = k + 1;
  return TRUE;
}

/* yyyymmdd, or ddmmyyyy */
static gboolean
match_eight_digits (Parser *p,
                    int     a,
                    int     b,
                    Mode    mode,
                    Point  *pt,
                    int    *next)
{
  int v, iso_y, iso_m, iso_d, y, m, d;
  gboolean iso_plausible, dmy_plausible;

  if (!is_num (p, a, b) || p->tokens[a].len != 8)
    return FALSE;

  v = p->tokens[a].value;
  iso_y = v / 10000;
  iso_m = (v / 100) % 100;
  iso_d = v % 100;
  y = v % 10000;
  if (p->order == CG_DATE_ORDER_MONTH_FIRST)
    {
      m = v / 1000000;
      d = (v / 10000) % 100;
    }
  else
    {
      d = v / 1000000;
      m = (v / 10000) % 100;
    }
  iso_plausible = iso_y >= 1800 && iso_y <= 2199;
  dmy_plausible = y >= 1800 && y <= 2199;

  if (iso_plausible && ymd_valid (iso_y, iso_m, iso_d))
    point_day (pt, iso_y, iso_m, iso_d, NOTE_NONE);
  else if (dmy_plausible && ymd_valid (y, m, d))
    point_day (pt, y, m, d, NOTE_NONE);
  else if (iso_plausible)
    point_day (pt, iso_y, iso_m, iso_d, NOTE_NONE);
  else if (dmy_plausible)
    point_day (pt, y, m, d, NOTE_NONE);
  else
    return FALSE;

  *next = a + 1;
  return TRUE;
}

static void
point_no_year (Parser *p,
               Point  *pt)
{
  g_autofree char *shown = shown_text (p->original);

  point_fail (pt, CG_DATE_UNREADABLE, g_strdup_printf (_("“%s” has no year"), shown));
}

/* "3rd March 2021", "20-Jan-22", "3 March", "12mar2021" */
static gboolean
match_day_month_name (Parser *p,
                      int     a,
                      int     b,
                      Mode    mode,
                      Point  *pt,
                      int    *next)
{
  int i = a;
  int day, month, year, end_of_month;

  if (!is_num (p, i, b) || p->tokens[i].len > 2)
    return FALSE;
  day = p->tokens[i++].value;
  if (is_ordinal (p, i, b))
    i++;
  if (is_sep (p, i, b, "-/."))
    i++;
  if (word_is (p, i, b, "of"))
    i++;
  if ((month = month_word (p, i, b)) == 0)
    return FALSE;
  i++;
  if (is_sep (p, i, b, ".") && !p->tokens[i].space_before)
    i++;
  end_of_month = i;
  if (is_sep (p, i, b, "-/.'"))
    i++;

  if ((year = read_year (p, i, b)) >= 0)
    {
      point_day (pt, year, month, day, NOTE_NONE);
      *next = i + 1;
      return TRUE;
    }

  /* No year */
  i = end_of_month;
  *next = i;

  if (mode & MODE_PARTIAL)
    {
      char *why = explain_ymd (2000, month, day, NOTE_NONE);   /* 2000 allows 29 February */

      if (why != NULL)
        {
          point_fail (pt, CG_DATE_IMPOSSIBLE, why);
          return TRUE;
        }
      pt->status = CG_DATE_OK;
      pt->kind = PT_DAY_MONTH;
      pt->day = day;
      pt->month = month;
    }
  else
    {
      point_no_year (p, pt);
    }
  return TRUE;
}

/* "March 3rd 2021", "Jan 20, 2022", "March 3rd" */
static gboolean
match_month_name_day (Parser *p,
                      int     a,
                      int     b,
                      Mode    mode,
                      Point  *pt,
                      int    *next)
{
  int i = a + 1;
  int day, month, year = -1, end_of_day;
  gboolean ordinal = FALSE;

  if ((month = month_word (p, a, b)) == 0)
    return FALSE;
  if (is_sep (p, i, b, ".") && !p->tokens[i].space_before)
    i++;
  if (is_sep (p, i, b, "-/."))
    i++;
  if (!is_num (p, i, b) || p->tokens[i].len > 2)
    return FALSE;
  day = p->tokens[i++].value;
  if (is_ordinal (p, i, b))
    {
      ordinal = TRUE;
      i++;
    }
  end_of_day = i;
  if (is_sep (p, i, b, "-/."))
    i++;
  if (is_num (p, i, b) && (p->tokens[i].len == 4 || (ordinal && p->tokens[i].len == 2)))
    year = read_year (p, i, b);

  if (year >= 0)
    {
      point_day (pt, year, month, day, NOTE_NONE);
      *next = i + 1;
      return TRUE;
    }
  if (!ordinal)
    return FALSE;   /* "Mar 21" is March 2021: see match_month_year() */

  *next = end_of_day;
  if (mode & MODE_PARTIAL)
    {
      char *why = explain_ymd (2000, month, day, NOTE_NONE);

      if (why != NULL)
        {
          point_fail (pt, CG_DATE_IMPOSSIBLE, why);
          return TRUE;
        }
      pt->status = CG_DATE_OK;
      pt->kind = PT_DAY_MONTH;
      pt->day = day;
      pt->month = month;
    }
  else
    {
      point_no_year (p, pt);
    }
  return TRUE;
}

/* "March 2021", "Mar-21", "Sept. 2021", "March" */
static gboolean
match_month_year (Parser *p,
                  int     a,
                  int     b,
                  Mode    mode,
                  Point  *pt,
                  int    *next)
{
  int i = a + 1;
  int month, year, end_of_month;

  if ((month = month_word (p, a, b)) == 0)
    return FALSE;
  if (is_sep (p, i, b, ".") && !p->tokens[i].space_before)
    i++;
  end_of_month = i;
  if (is_sep (p, i, b, "-/.'"))
    i++;

  if ((year = read_year (p, i, b)) >= 0)
    {
      point_month (pt, year, month);
      *next = i + 1;
      return TRUE;
    }

  *next = end_of_month;
  if (mode & MODE_PARTIAL)
    {
      pt->status = CG_DATE_OK;
      pt->kind = PT_MONTH_NAME;
      pt->month = month;
    }
  else
    {
      point_no_year (p, pt);
    }
  return TRUE;
}

/* "Spring 2020", "Autumn term 2021", "Autumn 1 2021", "Spring term 2021/22" */
static gboolean
match_season (Parser *p,
              int     a,
              int     b,
              Mode    mode,
              Point  *pt,
              int    *next)
{
  int i = a + 1;
  int season, year, second = -1;
  gboolean term = FALSE;

  if ((season = season_word (p, a, b)) == SEASON_NONE)
    return FALSE;
  if (word_is (p, i, b, "term"))
    {
      term = TRUE;
      i++;
    }
  if (is_num (p, i, b) && p->tokens[i].len == 1 && is_num (p, i + 1, b))
    {
      if (p->tokens[i].value < 1 || p->tokens[i].value > 2)
        return FALSE;
      term = TRUE;   /* a half term: read as the whole term */
      i++;
    }
  if (is_sep (p, i, b, "-'"))
    i++;
  if ((year = read_year (p, i, b)) < 0)
    return FALSE;
  i++;

  /* An academic year: 2021/22 or 2021-2022 */
  if (is_sep (p, i, b, "/-") && is_num (p, i + 1, b)
      && (p->tokens[i + 1].len == 2 || p->tokens[i + 1].len == 4))
    {
      int v = p->tokens[i + 1].value;

      if (p->tokens[i + 1].len == 4 ? v != year + 1 : v != (year + 1) % 100)
        return FALSE;
      second = year + 1;
      i += 2;
    }

  if (year < 1)
    {
      point_fail (pt, CG_DATE_IMPOSSIBLE, g_strdup (_("There is no year 0")));
      *next = i;
      return TRUE;
    }

  if (term)
    {
      switch (season)
        {
        case SEASON_AUTUMN:
          point_span (pt, PT_SEASON, julian_ymd (year, 9, 1), julian_ymd (year, 12, 31));
          break;
        case SEASON_SPRING:
          year = second > 0 ? second : year;
          point_span (pt, PT_SEASON, julian_ymd (year, 1, 1), julian_ymd (year, 3, 31));
          break;
        case SEASON_SUMMER:
          year = second > 0 ? second : year;
          point_span (pt, PT_SEASON, julian_ymd (year, 4, 1), julian_ymd (year, 7, 31));
          break;
        default:
          return FALSE;   /* there is no winter term */
        }
    }
  else
    {
      if (second > 0 && season != SEASON_WINTER)
        return FALSE;
      switch (season)
        {
        case SEASON_SPRING:
          point_span (pt, PT_SEASON, julian_ymd (year, 3, 1), julian_ymd (year, 5, 31));
          break;
        case SEASON_SUMMER:
          point_span (pt, PT_SEASON, julian_ymd (year, 6, 1), julian_ymd (year, 8, 31));
          break;
        case SEASON_AUTUMN:
          point_span (pt, PT_SEASON, julian_ymd (year, 9, 1), julian_ymd (year, 11, 30));
          break;
        case SEASON_WINTER:
        default:
          point_span (pt, PT_SEASON, julian_ymd (year, 12, 1),
                      julian_ymd (year + 1, 2, days_in_month (year + 1, 2)));
          break;
        }
    }
  pt->year = year;
  *next = i;
  return TRUE;
}

/* "2021-03", "03/2021", "3/2021", "08/21" */
static gboolean
match_numeric_pair (Parser *p,
                    int     a,
                    int     b,
                    Mode    mode,
                    Point  *pt,
                    int    *next)
{
  const Token *t = p->tokens;
  char sep;
  int j;

  if (!is_num (p, a, b))
    return FALSE;
  j = read_sep (p, a + 1, b, &sep);
  if (j < 0 || !is_num (p, j, b))
    return FALSE;

  if (t[a].len == 4 && t[j].len <= 2 && sep != ' ')
    {
      point_month (pt, t[a].value, t[j].value);
    }
  else if (t[a].len <= 2 && t[j].len == 4)
    {
      point_month (pt, t[j].value, t[a].value);
    }
  else if (t[a].len == 2 && t[j].len == 2 && sep != ' ' && (mode & MODE_WHOLE))
    {
      if (t[a].value > 12)
        {
          *next = j + 1;
          point_no_year (p, pt);
          return TRUE;
        }
      point_month (pt, two_digit_year (t[j].value), t[a].value);
    }
  else
    {
      return FALSE;
    }

  *next = j + 1;
  return TRUE;
}

static void
point_serial (Point *pt,
              int    serial,
              int    minutes)
{
  guint32 day;

  if (serial == 60)
    {
      point_fail (pt, CG_DATE_IMPOSSIBLE,
                  g_strdup (_("Spreadsheet day 60 stands for 29 February 1900, which does not "
                              "exist: 1900 is not a leap year")));
      return;
    }
  if (serial < 60)
    day = julian_ymd (1899, 12, 31) + (guint32) serial;
  else
    day = julian_ymd (1899, 12, 30) + (guint32) serial;
  if (minutes >= MINUTES_PER_DAY)
    {
      day++;
      minutes -= MINUTES_PER_DAY;
    }
  if (!julian_valid (day))
    return;
  point_span (pt, PT_DAY, day, day);
  pt->time = minutes;
}

/* "2019"; with CG_DATE_PARSE_ALLOW_SERIAL also "44562" and "44562.5" */
static gboolean
match_number (Parser *p,
              int     a,
              int     b,
              Mode    mode,
              Point  *pt,
              int    *next)
{
  const Token *t = p->tokens;
  gboolean serial_ok = (p->flags & CG_DATE_PARSE_ALLOW_SERIAL) && (mode & MODE_WHOLE);
  gboolean yearish;
  gboolean fraction;

  if (!is_num (p, a, b))
    return FALSE;

  fraction = is_sep (p, a + 1, b, ".") && is_num (p, a + 2, b) && !t[a + 1].space_before
             && !t[a + 2].space_before;
  yearish = t[a].len == 4 && (!serial_ok || (t[a].value >= 1000 && t[a].value <= 2999));

  if (yearish && !fraction)
    {
      point_year (pt, t[a].value);
      *next = a + 1;
      return TRUE;
    }
  if (!serial_ok || yearish || t[a].len > 7 || t[a].value < 1 || t[a].value > MAX_SERIAL)
    return FALSE;

  if (fraction)
    {
      gint64 scale;
      gint64 digits = leading_digits (p, a + 2, 9, &scale);
      int minutes = digits == 0 ? -1 : (int) ((digits * MINUTES_PER_DAY + scale / 2) / scale);

      point_serial (pt, t[a].value, minutes);
      *next = a + 3;
    }
  else
    {
      point_serial (pt, t[a].value, -1);
      *next = a + 1;
    }
  return TRUE;
}

/* "12", "12th": the start of "12-15/03/2021" */
static gboolean
match_bare_day (Parser *p,
                int     a,
                int     b,
                Mode    mode,
                Point  *pt,
                int    *next)
{
  int i = a;

  if (!(mode & MODE_PARTIAL) || !is_num (p, i, b) || p->tokens[i].len > 2)
    return FALSE;
  i++;
  if (is_ordinal (p, i, b))
    i++;
  if (p->tokens[a].value < 1 || p->tokens[a].value > 31)
    return FALSE;
  pt->status = CG_DATE_OK;
  pt->kind = PT_BARE_DAY;
  pt->day = p->tokens[a].value;
  *next = i;
  return TRUE;
}

typedef gboolean (*Matcher) (Parser *p,
                             int     a,
                             int     b,
                             Mode    mode,
                             Point  *pt,
                             int    *next);

static const Matcher matchers[] = {
  match_numeric_triple,
  match_eight_digits,
  match_day_month_name,
  match_month_name_day,
  match_month_year,
  match_season,
  match_numeric_pair,
  match_number,
  match_bare_day,
};

/* Whatever follows the date: nothing, or a time of day after a day. */
static gboolean
finish_point (Parser *p,
              int     i,
              int     b,
              Mode    mode,
              Point  *pt)
{
  g_autofree char *time_text = NULL;
  int minutes;

  if (i >= b)
    return TRUE;
  if (!(mode & MODE_TIME) || pt->kind != PT_DAY || pt->time >= 0
      || pt->status == CG_DATE_UNREADABLE)
    return FALSE;
  if (word_is (p, i, b, "t") || word_is (p, i, b, "at") || is_sep (p, i, b, "@"))
    i++;
  if (i >= b)
    return FALSE;
  time_text = token_text (p, i, b);
  if (!cg_time_parse (time_text, &minutes))
    return FALSE;
  pt->time = minutes;
  return TRUE;
}

static void
parse_point (Parser *p,
             int     a,
             int     b,
             Mode    mode,
             Point  *pt)
{
  point_init (pt);

  /* A weekday is ignored: "Wed 3rd March 2021", "03/03/2021 (Wednesday)" */
  if (word_in (p, a, b, weekday_words, G_N_ELEMENTS (weekday_words)))
    {
      a++;
      if (is_sep (p, a, b, "."))
        a++;
    }
  if (b - a > 1 && word_in (p, b - 1, b, weekday_words, G_N_ELEMENTS (weekday_words)))
    b--;
  if (a >= b)
    return;

  for (gsize k = 0; k < G_N_ELEMENTS (matchers); k++)
    {
      Point tmp;
      int next = b;

      point_init (&tmp);
      if (matchers[k] (p, a, b, mode, &tmp, &next) && finish_point (p, next, b, mode, &tmp))
        {
          *pt = tmp;
          return;
        }
      point_clear (&tmp);
    }
}

static char *
format_day (guint32 day)
{
  int y, m, d;

  cg_date_to_ymd (day, &y, &m, &d);
  if (m == 0)
    return g_strdup ("?");
  return g_strdup_printf ("%d %s %d", d, _(month_names[m]), y);
}

/* Joins two points into a range; the first may be partial. */
static void
parse_range (Parser *p,
             int     a1,
             int     b1,
             int     a2,
             int     b2,
             Point  *out)
{
  Point left, right;
  guint32 start = 0;
  char *why = NULL;

  point_init (out);
  if (a1 >= b1 || a2 >= b2)
    return;

  parse_point (p, a2, b2, MODE_NONE, &right);
  if (right.status == CG_DATE_UNREADABLE)
    {
      point_clear (&right);
      return;
    }
  parse_point (p, a1, b1, MODE_PARTIAL, &left);
  if (left.status == CG_DATE_UNREADABLE)
    {
      point_clear (&left);
      point_clear (&right);
      return;
    }

  if (left.status == CG_DATE_IMPOSSIBLE)
    {
      point_fail (out, CG_DATE_IMPOSSIBLE, g_steal_pointer (&left.reason));
    }
  else if (right.status == CG_DATE_IMPOSSIBLE)
    {
      point_fail (out, CG_DATE_IMPOSSIBLE, g_steal_pointer (&right.reason));
    }
  else
    {
      switch (left.kind)
        {
        case PT_BARE_DAY:
          if (right.kind != PT_DAY)
            break;
          if ((why = explain_ymd (right.year, right.month, left.day, NOTE_NONE)) == NULL)
            start = julian_ymd (right.year, right.month, left.day);
          break;
        case PT_DAY_MONTH:
          if (right.kind != PT_DAY && right.kind != PT_MONTH)
            break;
          if ((why = explain_ymd (right.year, left.month, left.day, NOTE_NONE)) == NULL)
            start = julian_ymd (right.year, left.month, left.day);
          break;
        case PT_MONTH_NAME:
          if (right.kind == PT_DAY || right.kind == PT_MONTH)
            start = julian_ymd (right.year, left.month, 1);
          break;
        case PT_DAY:
        case PT_MONTH:
        case PT_YEAR:
        case PT_SEASON:
        case PT_RANGE:
          start = left.start;
          break;
        case PT_NONE:
        default:
          break;
        }

      if (why != NULL)
        {
          point_fail (out, CG_DATE_IMPOSSIBLE, why);
        }
      else if (start != 0 && right.end < start)
        {
          g_autofree char *from = format_day (start);
          g_autofree char *to = format_day (right.end);

          point_fail (out, CG_DATE_IMPOSSIBLE,
                      g_strdup_printf (_("The period would end on %s, before it starts on %s"),
                                       to, from));
        }
      else if (start != 0)
        {
          point_span (out, PT_RANGE, start, right.end);
        }
    }

  point_clear (&left);
  point_clear (&right);
}

/* "w/c", "w.c.", "wc", "w/b", "w/e", "week commencing", "wk beginning", ...
 * Returns the index after it, or -1. */
static int
match_week_prefix (Parser   *p,
                   int       a,
                   int       b,
                   gboolean *ending)
{
  int i = -1;

  *ending = FALSE;
  if (word_is (p, a, b, "w") && is_sep (p, a + 1, b, "/.")
      && (word_is (p, a + 2, b, "c") || word_is (p, a + 2, b, "b") || word_is (p, a + 2, b, "e")))
    {
      *ending = word_is (p, a + 2, b, "e");
      i = a + 3;
    }
  else if (word_is (p, a, b, "wc") || word_is (p, a, b, "wb"))
    {
      i = a + 1;
    }
  else if ((word_is (p, a, b, "week") || word_is (p, a, b, "wk"))
           && (word_is (p, a + 1, b, "commencing") || word_is (p, a + 1, b, "beginning")
               || word_is (p, a + 1, b, "starting") || word_is (p, a + 1, b, "of")
               || word_is (p, a + 1, b, "ending")))
    {
      *ending = word_is (p, a + 1, b, "ending");
      i = a + 2;
    }

  if (i >= 0 && is_sep (p, i, b, ".:"))
    i++;
  return i;
}

static void
parse_tokens (Parser   *p,
              int       a,
              int       b,
              gboolean *uncertain,
              Point    *out)
{
  gboolean from = FALSE;
  gboolean ending;
  Point whole, range, impossible;
  int i;

  point_init (out);
  point_init (&impossible);

  /* Approximate: "c. 2019", "circa 2019", "approx. March 2015", "mid-2019", "end of 2019" */
  for (;;)
    {
      if (word_in (p, a, b, vague_words, G_N_ELEMENTS (vague_words)))
        {
          a++;
        }
      else if ((word_is (p, a, b, "start") || word_is (p, a, b, "end")
                || word_is (p, a, b, "beginning") || word_is (p, a, b, "middle"))
               && word_is (p, a + 1, b, "of"))
        {
          a += 2;
        }
      else
        {
          break;
        }
      *uncertain = TRUE;
      if (is_sep (p, a, b, ".-"))
        a++;
    }
  while (b - a > 1 && word_in (p, b - 1, b, vague_suffixes, G_N_ELEMENTS (vague_suffixes)))
    {
      b--;
      *uncertain = TRUE;
    }
  if (a >= b)
    return;

  /* A week: "w/c 14/06/2021" */
  if ((i = match_week_prefix (p, a, b, &ending)) >= 0)
    {
      Point day;

      parse_point (p, i, b, MODE_NONE, &day);
      if (day.status == CG_DATE_OK && day.kind == PT_DAY)
        {
          if (!ending && julian_valid (day.start + 6))
            point_span (out, PT_RANGE, day.start, day.start + 6);
          else if (ending && day.start > 6)
            point_span (out, PT_RANGE, day.start - 6, day.start);
        }
      else if (day.status == CG_DATE_IMPOSSIBLE)
        {
          point_fail (out, CG_DATE_IMPOSSIBLE, g_steal_pointer (&day.reason));
        }
      point_clear (&day);
      return;
    }

  /* "between 12/03/2021 and 15/03/2021" */
  if (word_is (p, a, b, "between"))
    {
      for (i = a + 1; i < b; i++)
        {
          if (word_is (p, i, b, "and") || is_sep (p, i, b, "&"))
            {
              parse_range (p, a + 1, i, i + 1, b, out);
              return;
            }
        }
      return;
    }

  if (word_is (p, a, b, "on"))
    a++;
  if (word_is (p, a, b, "the"))
    {
      a++;
    }
  else if (word_is (p, a, b, "from"))
    {
      from = TRUE;
      a++;
    }
  if (a >= b)
    return;

  if (!from)
    {
      parse_point (p, a, b, MODE_TIME | MODE_WHOLE, &whole);
      if (whole.status == CG_DATE_OK)
        {
          *out = whole;
          return;
        }
    }
  else
    {
      point_init (&whole);
    }

  /* "12/03/2021 - 15/03/2021", "12-15/03/2021", "March to May 2021" */
  for (i = a + 1; i < b - 1; i++)
    {
      if (!is_sep (p, i, b, "-") && !word_is (p, i, b, "to") && !word_is (p, i, b, "until")
          && !word_is (p, i, b, "till") && !word_is (p, i, b, "til")
          && !word_is (p, i, b, "through") && !word_is (p, i, b, "thru"))
        continue;

      parse_range (p, a, i, i + 1, b, &range);
      if (range.status == CG_DATE_OK)
        {
          point_clear (&whole);
          point_clear (&impossible);
          *out = range;
          return;
        }
      if (range.status == CG_DATE_IMPOSSIBLE && impossible.status != CG_DATE_IMPOSSIBLE)
        impossible = range;
      else
        point_clear (&range);
    }

  /* A time first: "23:40 12/03/2021", "14:00 on 12/03/2021" */
  if (!from)
    {
      for (i = a + 1; i < b - 1 && i - a <= 6; i++)
        {
          g_autofree char *time_text = token_text (p, a, i);
          int minutes;
          int j = i;
          Point day;

          if (!cg_time_parse (time_text, &minutes))
            continue;
          if (word_is (p, j, b, "on") || is_sep (p, j, b, "@-"))
            j++;
          parse_point (p, j, b, MODE_NONE, &day);
          if (day.status == CG_DATE_OK && day.kind == PT_DAY)
            {
              point_clear (&whole);
              point_clear (&impossible);
              *out = day;
              out->time = minutes;
              return;
            }
          point_clear (&day);
        }
    }

  if (whole.status == CG_DATE_IMPOSSIBLE)
    {
      point_clear (&impossible);
      *out = whole;
    }
  else if (impossible.status == CG_DATE_IMPOSSIBLE)
    {
      point_clear (&whole);
      *out = impossible;
    }
  else
    {
      point_clear (&impossible);
      *out = whole;
    }
}

/* The cell as quoted in a reason: valid UTF-8, trimmed, not too long. */
static char *
shown_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, strnlen (text, CELL_MAX_BYTES));
  char *s;

  for (s = valid; *s != '\0'; s++)
    {
      if ((guchar) *s < 0x20 || *s == 0x7F)
        *s = ' ';
    }
  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > MAX_SHOWN_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, MAX_SHOWN_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* The shortcut for the shapes most cells have, digits only: "12/03/2021",
 * "1.3.21", "12-03-2021" (day and month in the column's order) and
 * "2021-03-12", each perhaps followed by a space and a time ("12/03/2021
 * 23:40"). It reads them exactly as the full parser's numeric triple does
 * and returns FALSE for anything else, which then takes the full parser. */
static gboolean
parse_plain_day (const char    *text,
                 CgDateOrder    order,
                 CgPeriod      *period,
                 CgDateStatus  *status,
                 char         **reason)
{
  int part[3] = { 0, 0, 0 };
  int len[3] = { 0, 0, 0 };
  char sep = 0;
  int n = 0;
  int year, month, day;
  int minutes = -1;
  OrderNote note = NOTE_NONE;
  char *why;
  const char *s;

  for (s = text; ; s++)
    {
      if (*s >= '0' && *s <= '9')
        {
          if (++len[n] > 4)
            return FALSE;
          part[n] = part[n] * 10 + (*s - '0');
        }
      else if ((*s == '/' || *s == '.' || *s == '-') && n < 2 && len[n] > 0 &&
               (sep == 0 || *s == sep))
        {
          sep = *s;
          n++;
        }
      else if (*s == '\0' && n == 2 && len[2] > 0)
        break;
      else if (*s == ' ' && n == 2 && len[2] > 0)
        {
          if (!cg_time_parse (s + 1, &minutes))
            return FALSE;
          break;
        }
      else
        return FALSE;
    }

  if (len[0] == 4 && len[1] <= 2 && len[2] <= 2)
    {
      year = part[0];
      month = part[1];
      day = part[2];
    }
  else if (len[0] <= 2 && len[1] <= 2 && (len[2] == 2 || len[2] == 4))
    {
      year = len[2] == 2 ? two_digit_year (part[2]) : part[2];
      if (order == CG_DATE_ORDER_MONTH_FIRST)
        {
          month = part[0];
          day = part[1];
          note = NOTE_MONTH_FIRST;
        }
      else
        {
          day = part[0];
          month = part[1];
          note = NOTE_DAY_FIRST;
        }
    }
  else
    {
      return FALSE;
    }

  if ((why = explain_ymd (year, month, day, note)) != NULL)
    {
      *status = CG_DATE_IMPOSSIBLE;
      if (reason != NULL)
        *reason = why;
      else
        g_free (why);
      return TRUE;
    }
  *status = CG_DATE_OK;
  period->start = period->end = julian_ymd (year, month, day);
  period->precision = CG_PRECISION_DAY;
  period->time = minutes;
  return TRUE;
}

/* No date yet, no reason yet. */
static CgPeriod *
period_reset (CgPeriod  *period,
              char     **reason)
{
  period->start = period->end = 0;
  period->precision = CG_PRECISION_UNKNOWN;
  period->uncertain = FALSE;
  period->time = -1;
  if (reason != NULL)
    *reason = NULL;
  return period;
}

/**
 * cg_date_parse_quick:
 *
 * The shortcut of cg_date_parse() alone, for callers that remember what
 * other cells read as: TRUE with @status (and @period, @reason as
 * cg_date_parse() gives them) for a digits-only day, FALSE for any other
 * text, which needs cg_date_parse().
 */
gboolean
cg_date_parse_quick (const char    *text,
                     CgDateOrder    order,
                     CgPeriod      *period,
                     CgDateStatus  *status,
                     char         **reason)
{
  CgPeriod dummy;

  period = period_reset (period != NULL ? period : &dummy, reason);
  return text != NULL && parse_plain_day (text, order, period, status, reason);
}

CgDateStatus
cg_date_parse (const char        *text,
               CgDateOrder        order,
               CgDateParseFlags   flags,
               CgPeriod          *period,
               char             **reason)
{
  g_autofree char *clean = NULL;
  g_autofree Token *tokens = NULL;
  CgPeriod dummy;
  gboolean question = FALSE;
  gboolean uncertain = FALSE;
  Parser parser;
  Point pt;
  int a, b, n;

  period = period_reset (period != NULL ? period : &dummy, reason);

  if (text == NULL || is_blank (text))
    return CG_DATE_EMPTY;

  if (!(flags & CG_DATE_PARSE_FULL))
    {
      CgDateStatus status;

      if (parse_plain_day (text, order, period, &status, reason))
        return status;
    }

  point_init (&pt);
  if (strnlen (text, CELL_MAX_BYTES + 1) <= CELL_MAX_BYTES
      && (clean = clean_text (text, &question)) != NULL)
    {
      tokens = g_new (Token, CELL_MAX_TOKENS);
      n = tokenize (clean, tokens, CELL_MAX_TOKENS);
      parser.original = text;
      parser.text = clean;
      parser.tokens = tokens;
      parser.order = order;
      parser.flags = flags;

      a = 0;
      b = n;
      /* What is left of "?/10/2021", "12/05/2021?" and "March 2021." */
      if (question)
        {
          while (a < b && is_sep (&parser, a, b, "/.-"))
            a++;
          while (b > a && is_sep (&parser, b - 1, b, "/.-"))
            b--;
        }
      while (b > a && is_sep (&parser, b - 1, b, "."))
        b--;

      uncertain = question;
      parse_tokens (&parser, a, b, &uncertain, &pt);
    }

  period->uncertain = uncertain;
  if (pt.status == CG_DATE_OK && (pt.start == 0 || pt.end < pt.start))
    {
      g_critical ("Period %u..%u read from a cell is not a period", pt.start, pt.end);
      point_clear (&pt);
    }
  /* Found by fuzzing: "Winter 9999", "2958465.9999" ended in the year 10000,
   * which ISO dates (the export, the case file's text) cannot write. */
  if (pt.status == CG_DATE_OK && pt.end > julian_ymd (9999, 12, 31))
    point_fail (&pt, CG_DATE_IMPOSSIBLE,
                g_strdup (_("Dates after 31 December 9999 cannot be kept")));
  if (pt.status == CG_DATE_OK)
    {
      period->start = pt.start;
      period->end = pt.end;
      period->time = pt.time;
      switch (pt.kind)
        {
        case PT_DAY:
          period->precision = CG_PRECISION_DAY;
          break;
        case PT_MONTH:
          period->precision = CG_PRECISION_MONTH;
          break;
        case PT_YEAR:
          period->precision = CG_PRECISION_YEAR;
          break;
        case PT_SEASON:
          period->precision = CG_PRECISION_SEASON;
          break;
        case PT_RANGE:
        case PT_NONE:
        case PT_BARE_DAY:
        case PT_DAY_MONTH:
        case PT_MONTH_NAME:
        default:
          period->precision = CG_PRECISION_RANGE;
          break;
        }
      return CG_DATE_OK;
    }

  if (reason != NULL)
    {
      if (pt.reason != NULL)
        {
          *reason = g_steal_pointer (&pt.reason);
        }
      else
        {
          g_autofree char *shown = shown_text (text);

          *reason = g_strdup_printf (_("“%s” is not a date Chronogram can read"), shown);
        }
    }
  g_free (pt.reason);
  return pt.status == CG_DATE_IMPOSSIBLE ? CG_DATE_IMPOSSIBLE : CG_DATE_UNREADABLE;
}

CgDateReadings
cg_date_readings (const char *text)
{
  CgDateReadings readings = CG_DATE_READS_NEITHER;

  if (cg_date_parse (text, CG_DATE_ORDER_DAY_FIRST, CG_DATE_PARSE_NONE, NULL, NULL) == CG_DATE_OK)
    readings |= CG_DATE_READS_DAY_FIRST;
  if (cg_date_parse (text, CG_DATE_ORDER_MONTH_FIRST, CG_DATE_PARSE_NONE, NULL, NULL)
      == CG_DATE_OK)
    readings |= CG_DATE_READS_MONTH_FIRST;
  return readings;
}

/* Times */

static gboolean
skip_word (const char **s,
           const char  *word)
{
  gsize len = strlen (word);

  if (strncmp (*s, word, len) != 0)
    return FALSE;
  *s += len;
  return TRUE;
}

static int
read_digits (const char **s,
             int         *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (**s))
    {
      if (n < 9)
        *value = *value * 10 + (**s - '0');
      n++;
      (*s)++;
    }
  return n;
}

gboolean
cg_time_parse (const char *text,
               int        *minutes)
{
  char buf[48];
  const char *s;
  gsize len;
  int hour = 0, minute = 0, second = 0, nd, ns;
  gboolean has_minutes = FALSE;
  gboolean am = FALSE, pm = FALSE;
  int result;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  len = strnlen (text, sizeof buf);
  if (len >= sizeof buf)
    return FALSE;
  for (gsize k = 0; k <= len; k++)
    buf[k] = g_ascii_tolower (text[k]);
  g_strchomp (buf);

  if (g_str_equal (buf, "noon") || g_str_equal (buf, "midday") || g_str_equal (buf, "12 noon")
      || g_str_equal (buf, "12noon") || g_str_equal (buf, "12 midday"))
    {
      result = 12 * 60;
    }
  else if (g_str_equal (buf, "midnight") || g_str_equal (buf, "12 midnight"))
    {
      result = 0;
    }
  else
    {
      s = buf;
      nd = read_digits (&s, &hour);
      if (nd == 0)
        return FALSE;

      if ((*s == ':' || *s == '.') && g_ascii_isdigit (s[1]))
        {
          char first = *s++;

          if (nd > 2 || read_digits (&s, &minute) != 2)
            return FALSE;
          has_minutes = TRUE;
          if (*s == first && first == ':' && g_ascii_isdigit (s[1]))
            {
              s++;
              if (read_digits (&s, &second) != 2 || second > 59)
                return FALSE;
              if (*s == '.' && g_ascii_isdigit (s[1]))
                {
                  int fraction;

                  s++;
                  read_digits (&s, &fraction);
                }
            }
        }
      else if (nd == 3 || nd == 4)
        {
          minute = hour % 100;
          hour /= 100;
          has_minutes = TRUE;
        }
      else if (nd > 2)
        {
          return FALSE;
        }

      while (*s == ' ')
        s++;
      if (skip_word (&s, "a.m.") || skip_word (&s, "a.m") || skip_word (&s, "am"))
        {
          am = TRUE;
        }
      else if (skip_word (&s, "p.m.") || skip_word (&s, "p.m") || skip_word (&s, "pm"))
        {
          pm = TRUE;
        }
      else if (has_minutes && (*s == '+' || *s == '-'))
        {
          int offset;

          /* A UTC offset, "+01:00" or "-0500": the time is kept as written. */
          s++;
          ns = read_digits (&s, &offset);
          if (ns == 2 && *s == ':')
            {
              s++;
              ns = read_digits (&s, &offset);
            }
          if (ns != 2 && ns != 4)
            return FALSE;
        }
      else if (has_minutes)
        {
          if (!skip_word (&s, "hours") && !skip_word (&s, "hrs") && !skip_word (&s, "hr")
              && !skip_word (&s, "h"))
            skip_word (&s, "z");
        }
      while (*s == ' ')
        s++;
      if (*s != '\0')
        return FALSE;

      if (am || pm)
        {
          if (hour < 1 || hour > 12)
            return FALSE;
          hour %= 12;
          if (pm)
            hour += 12;
        }
      else if (!has_minutes || hour > 23)
        {
          return FALSE;
        }
      if (minute > 59)
        return FALSE;
      result = hour * 60 + minute;
    }

  if (minutes != NULL)
    *minutes = result;
  return TRUE;
}

/* Conversions */

guint32
cg_date_from_ymd (int year,
                  int month,
                  int day)
{
  if (!ymd_valid (year, month, day))
    return 0;
  return julian_ymd (year, month, day);
}

guint32
cg_date_from_iso (const char *iso)
{
  int v[3] = { 0, 0, 0 };
  static const int widths[3] = { 4, 2, 2 };
  const char *s = iso;

  if (iso == NULL)
    return 0;
  for (int k = 0; k < 3; k++)
    {
      for (int w = 0; w < widths[k]; w++, s++)
        {
          if (!g_ascii_isdigit (*s))
            return 0;
          v[k] = v[k] * 10 + (*s - '0');
        }
      if (k < 2 && *s++ != '-')
        return 0;
    }
  if (*s != '\0')
    return 0;
  return cg_date_from_ymd (v[0], v[1], v[2]);
}

void
cg_date_to_ymd (guint32  day,
                int     *year,
                int     *month,
                int     *dom)
{
  GDate date;
  int y = 0, m = 0, d = 0;

  if (julian_valid (day))
    {
      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      y = g_date_get_year (&date);
      m = g_date_get_month (&date);
      d = g_date_get_day (&date);
    }
  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (dom != NULL)
    *dom = d;
}

char *
cg_date_to_iso (guint32 day)
{
  int y, m, d;

  if (!julian_valid (day))
    return NULL;
  cg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
cg_time_to_string (int minutes)
{
  if (minutes < 0 || minutes >= MINUTES_PER_DAY)
    return NULL;
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

const char *
cg_precision_to_string (CgPrecision precision)
{
  switch (precision)
    {
    case CG_PRECISION_DAY:
      return "day";
    case CG_PRECISION_MONTH:
      return "month";
    case CG_PRECISION_SEASON:
      return "season";
    case CG_PRECISION_YEAR:
      return "year";
    case CG_PRECISION_RANGE:
      return "range";
    case CG_PRECISION_UNKNOWN:
    default:
      return "unknown";
    }
}

CgPrecision
cg_precision_from_string (const char *text)
{
  static const CgPrecision all[] = {
    CG_PRECISION_DAY, CG_PRECISION_MONTH, CG_PRECISION_SEASON, CG_PRECISION_YEAR,
    CG_PRECISION_RANGE,
  };

  for (gsize k = 0; text != NULL && k < G_N_ELEMENTS (all); k++)
    {
      if (g_str_equal (text, cg_precision_to_string (all[k])))
        return all[k];
    }
  return CG_PRECISION_UNKNOWN;
}

/* Description */

/* "14 – 20 June 2021", "1 September – 30 November 2021",
 * "1 December 2021 – 28 February 2022" */
static char *
format_days (guint32 start,
             guint32 end)
{
  int y1, m1, d1, y2, m2, d2;

  if (start == end)
    return format_day (start);
  cg_date_to_ymd (start, &y1, &m1, &d1);
  cg_date_to_ymd (end, &y2, &m2, &d2);
  if (y1 == y2 && m1 == m2)
    return g_strdup_printf ("%d – %d %s %d", d1, d2, _(month_names[m2]), y2);
  if (y1 == y2)
    return g_strdup_printf ("%d %s – %d %s %d", d1, _(month_names[m1]), d2, _(month_names[m2]),
                            y2);
  return g_strdup_printf ("%d %s %d – %d %s %d", d1, _(month_names[m1]), y1, d2,
                          _(month_names[m2]), y2);
}

/* Whole months and years are written without days: "March – May 2021", "2019 – 2020". */
static char *
format_span (guint32 start,
             guint32 end)
{
  int y1, m1, d1, y2, m2, d2;

  cg_date_to_ymd (start, &y1, &m1, &d1);
  cg_date_to_ymd (end, &y2, &m2, &d2);
  if (d1 != 1 || d2 != days_in_month (y2, m2))
    return format_days (start, end);

  if (m1 == 1 && m2 == 12)
    {
      if (y1 == y2)
        return g_strdup_printf ("%d", y1);
      return g_strdup_printf ("%d – %d", y1, y2);
    }
  if (y1 == y2 && m1 == m2)
    return g_strdup_printf ("%s %d", _(month_names[m1]), y1);
  if (y1 == y2)
    return g_strdup_printf ("%s – %s %d", _(month_names[m1]), _(month_names[m2]), y2);
  return g_strdup_printf ("%s %d – %s %d", _(month_names[m1]), y1, _(month_names[m2]), y2);
}

static char *
season_name (guint32 start,
             guint32 end)
{
  int y1, m1, d1, y2, m2, d2;

  cg_date_to_ymd (start, &y1, &m1, &d1);
  cg_date_to_ymd (end, &y2, &m2, &d2);
  if (d1 != 1 || d2 != days_in_month (y2, m2))
    return NULL;
  if (m1 == 12 && m2 == 2 && y2 == y1 + 1)
    return g_strdup_printf (_("Winter %d"), y1);
  if (y1 != y2)
    return NULL;
  if (m1 == 3 && m2 == 5)
    return g_strdup_printf (_("Spring %d"), y1);
  if (m1 == 6 && m2 == 8)
    return g_strdup_printf (_("Summer %d"), y1);
  if (m1 == 9 && m2 == 11)
    return g_strdup_printf (_("Autumn %d"), y1);
  if (m1 == 9 && m2 == 12)
    return g_strdup_printf (_("Autumn term %d"), y1);
  if (m1 == 1 && m2 == 3)
    return g_strdup_printf (_("Spring term %d"), y1);
  if (m1 == 4 && m2 == 7)
    return g_strdup_printf (_("Summer term %d"), y1);
  return NULL;
}

char *
cg_period_describe (const CgPeriod *period)
{
  g_autofree char *body = NULL;
  g_autofree char *when = NULL;

  if (period == NULL || period->precision == CG_PRECISION_UNKNOWN || period->start == 0
      || !julian_valid (period->start) || period->end < period->start
      || !julian_valid (period->end))
    return g_strdup (_("date unknown"));

  switch (period->precision)
    {
    case CG_PRECISION_DAY:
      body = format_days (period->start, period->end);
      break;
    case CG_PRECISION_SEASON:
      {
        g_autofree char *name = season_name (period->start, period->end);
        g_autofree char *days = format_days (period->start, period->end);

        if (name != NULL)
          body = g_strdup_printf ("%s (%s)", name, days);
        else
          body = g_steal_pointer (&days);
      }
      break;
    case CG_PRECISION_MONTH:
    case CG_PRECISION_YEAR:
    case CG_PRECISION_RANGE:
    case CG_PRECISION_UNKNOWN:
    default:
      body = format_span (period->start, period->end);
      break;
    }

  if (period->time >= 0 && period->time < MINUTES_PER_DAY)
    {
      g_autofree char *time = cg_time_to_string (period->time);

      when = g_strdup_printf ("%s, %s", body, time);
    }
  else
    {
      when = g_steal_pointer (&body);
    }

  if (period->uncertain)
    return g_strdup_printf (_("about %s"), when);
  return g_steal_pointer (&when);
}
