/* cg-genogram.c: the family drawn in genogram notation
 *
 * The only file that knows Graphviz. dot places people and couples: partners
 * side by side in one rank with a small "union" node between them, children
 * one rank down, hanging from the union in birth order. Nothing Graphviz draws
 * is used. From its coordinates this file makes a list of drawing parts in
 * genogram notation (UK practice and McGoldrick/Gerson), and the same parts are
 * painted by cairo and written as SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-genogram"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <pango/pangocairo.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-genogram.h"

/* Sizes in points. */
#define SYMBOL        36.0
#define RADIUS        (SYMBOL / 2)
#define YEARS_HEIGHT  14.0
#define LABEL_GAP     4.0
#define LABEL_HEIGHT  14.0
#define NAME_HEIGHT   13.0
#define LABEL_SIZE    10.5
#define NAME_SIZE     10.0
#define YEARS_SIZE    9.0
#define AGE_SIZE      12.0
#define CAPTION_SIZE  13.0
#define MARGIN        30.0
#define CAPTION_SPACE 34.0
#define NODE_SEP      18.0
#define RANK_SEP      42.0
#define SUBJECT_GAP   4.0
#define LINE_WIDTH    1.4
#define SYMBOL_WIDTH  1.8
#define FONT_FAMILY   "DejaVu Sans"
#define SVG_FONTS     "DejaVu Sans, Cantarell, Arial, sans-serif"
#define MAX_PNG_SIDE  16000.0

#define INK            0x000000
#define GREY           0x808080
#define HOUSEHOLD_INK  0x3465a4
#define CLOSE_INK      0x2e7d32
#define CONFLICT_INK   0xb35900
#define CUTOFF_INK     0x505050
#define ABUSE_INK      0xb00020
#define PAPER          0xffffff

/* ------------------------------------------------------------ the model */

typedef enum
{
  SHAPE_RECT,
  SHAPE_ELLIPSE,
  SHAPE_POLYGON,
  SHAPE_POLYLINE,
  SHAPE_SEGMENTS,   /* pairs of points, each a separate stroke */
  SHAPE_TEXT,
} Shape;

typedef enum
{
  STROKE_SOLID,
  STROKE_DASHED,
  STROKE_DOTTED,
} Stroke;

typedef enum
{
  ANCHOR_START,
  ANCHOR_MIDDLE,
  ANCHOR_END,
} Anchor;

typedef struct
{
  double x, y;
} Point;

typedef struct
{
  CgGenogramPart  part;
  const char     *variant;     /* static; second SVG class */
  Shape           shape;
  Stroke          stroke;
  double          line_width;
  guint32         ink;
  gboolean        filled;
  guint32         fill;
  double          x, y, w, h;  /* rectangle and ellipse bounds; text anchor on the baseline */
  GArray         *points;      /* Point */
  char           *text;
  double          font_size;
  gboolean        bold;
  Anchor          anchor;
  gboolean        halo;        /* text on a white outline, readable over lines */
  int             person;      /* index of the person drawn, or -1 */
  gboolean        legend;
} Part;

typedef enum
{
  COUPLE_MARRIED,
  COUPLE_PARTNERS,     /* cohabiting or partners: dashed */
  COUPLE_SEPARATED,
  COUPLE_DIVORCED,
  COUPLE_NOT_YET,      /* the relationship starts after the date */
  COUPLE_UNRECORDED,   /* parents of a child with no relationship recorded */
  COUPLE_SINGLE,       /* one parent */
} CoupleState;

typedef enum
{
  CHILD_BIRTH,
  CHILD_ADOPTED,
  CHILD_FOSTER,
  N_CHILD_KINDS
} ChildKind;

typedef struct
{
  int       child;
  ChildKind kind;
  gboolean  drawn;   /* a placement not in effect at the date is laid out, not drawn */
} ChildLink;

typedef struct
{
  int          a, b;          /* people; b is -1 for one parent. a is left once laid out */
  GPtrArray   *rows;          /* CgRelationship, borrowed from the family */
  CoupleState  state;
  gboolean     ever_married;
  guint32      start;         /* for ordering a person's partners */
  guint        order;
  GArray      *children;      /* ChildLink, in birth order */
  Agnode_t    *node;          /* only during layout */
  double       x, y;
} Union;

typedef struct
{
  char     *key;
  CgSex     sex;
  gboolean  subject;
  gboolean  deceased;         /* died on or before the date */
  gboolean  unborn;           /* born after the date */
  guint32   born0, born1;
  char     *label;            /* the first line under the symbol */
  char     *name;             /* the second, or NULL */
  char     *born_text;
  char     *died_text;
  char     *age;
  double    width;            /* of the person's box: symbol and labels */
  double    cx, cy;           /* centre of the symbol */
  double    top, bottom;      /* of the box */
  GArray   *unions;           /* guint, by start */
  int       parent_links;
  Agnode_t *node;
  gboolean  visited;
} Person;

enum
{
  F_MALE        = 1 << 0,
  F_FEMALE      = 1 << 1,
  F_UNKNOWN     = 1 << 2,
  F_SUBJECT     = 1 << 3,
  F_DECEASED    = 1 << 4,
  F_UNBORN      = 1 << 5,
  F_MARRIED     = 1 << 6,
  F_PARTNERS    = 1 << 7,
  F_SEPARATED   = 1 << 8,
  F_DIVORCED    = 1 << 9,
  F_NOT_YET     = 1 << 10,
  F_UNRECORDED  = 1 << 11,
  F_CHILD       = 1 << 12,
  F_ADOPTED     = 1 << 13,
  F_FOSTER      = 1 << 14,
  F_CLOSE       = 1 << 15,
  F_CONFLICT    = 1 << 16,
  F_CUTOFF      = 1 << 17,
  F_ABUSE       = 1 << 18,
  F_HOUSEHOLD   = 1 << 19,
};

struct _CgGenogram
{
  guint32            as_at;
  char              *date_text;  /* the as-at date as the captions write it */
  CgGenogramOptions  options;
  GArray            *people;     /* Person, the family's order */
  GPtrArray         *unions;     /* Union */
  GArray            *parts;      /* Part, in painting order */
  GHashTable        *by_key;     /* key -> index + 1 */
  double             width, height;
  double             node_height;
  guint              features;
  CgSex              subject_sex;
};

static const char * const part_classes[CG_GENOGRAM_N_PARTS] = {
  [CG_GENOGRAM_MALE] = "person male",
  [CG_GENOGRAM_FEMALE] = "person female",
  [CG_GENOGRAM_SEX_UNKNOWN] = "person unknown",
  [CG_GENOGRAM_SUBJECT_OUTLINE] = "subject-outline",
  [CG_GENOGRAM_DECEASED_CROSS] = "deceased-cross",
  [CG_GENOGRAM_COUPLE_LINE] = "couple",
  [CG_GENOGRAM_SLASH] = "slash",
  [CG_GENOGRAM_DESCENT_LINE] = "descent",
  [CG_GENOGRAM_CHILD_LINE] = "child-line",
  [CG_GENOGRAM_CLOSE_LINE] = "emotional close",
  [CG_GENOGRAM_CONFLICT_LINE] = "emotional conflict",
  [CG_GENOGRAM_CUTOFF_LINE] = "emotional cutoff",
  [CG_GENOGRAM_CUTOFF_BAR] = "cutoff-bar",
  [CG_GENOGRAM_ABUSE_LINE] = "emotional abuse",
  [CG_GENOGRAM_ABUSE_ARROW] = "abuse-arrow",
  [CG_GENOGRAM_HOUSEHOLD] = "household",
  [CG_GENOGRAM_HOUSEHOLD_NAME] = "household-name",
  [CG_GENOGRAM_LABEL] = "label",
  [CG_GENOGRAM_NAME] = "name",
  [CG_GENOGRAM_YEARS] = "years",
  [CG_GENOGRAM_AGE] = "age",
  [CG_GENOGRAM_CAPTION] = "caption",
  [CG_GENOGRAM_LEGEND] = "legend",
};

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->points, g_array_unref);
  g_clear_pointer (&part->text, g_free);
}

static void
person_clear (Person *person)
{
  g_free (person->key);
  g_free (person->label);
  g_free (person->name);
  g_free (person->born_text);
  g_free (person->died_text);
  g_free (person->age);
  g_clear_pointer (&person->unions, g_array_unref);
}

static void
union_free (Union *u)
{
  g_ptr_array_unref (u->rows);
  g_array_unref (u->children);
  g_free (u);
}

static void
cg_genogram_clear (CgGenogram *self)
{
  g_clear_pointer (&self->people, g_array_unref);
  g_clear_pointer (&self->unions, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->date_text, g_free);
}

CgGenogram *
cg_genogram_ref (CgGenogram *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
cg_genogram_unref (CgGenogram *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify)cg_genogram_clear);
}

static inline Person *
person_at_index (CgGenogram *self,
                 int         i)
{
  return &g_array_index (self->people, Person, i);
}

/* ------------------------------------------------------------ dates */

static guint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return cg_date_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

guint32
cg_genogram_default_date (const CgReview *review)
{
  if (review != NULL && review->incident != 0)
    return review->incident;
  return today ();
}

/* First and last day of a from/to cell; 0 when empty or unreadable (open). */
static guint32
first_day (const char *text)
{
  guint32 first = 0;

  cg_family_date_range (text, &first, NULL);
  return first;
}

static guint32
last_day (const char *text)
{
  guint32 last = 0;

  cg_family_date_range (text, NULL, &last);
  return last;
}

/* In effect on @day: started (or no start known) and not yet over. */
static gboolean
in_effect (const char *from,
           const char *to,
           guint32     day)
{
  guint32 f = first_day (from), t = last_day (to);

  return (f == 0 || f <= day) && (t == 0 || day <= t);
}

static char *
age_text (guint32 born0,
          guint32 born1,
          guint32 day)
{
  int by, bm, bd, y, m, d, years;

  if (born0 == 0 || day < born0)
    return NULL;
  cg_date_to_ymd (born0, &by, &bm, &bd);
  cg_date_to_ymd (day, &y, &m, &d);
  if (born0 == born1)
    {
      years = y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
      if (years < 1)
        {
          int months = (y - by) * 12 + m - bm - (d < bd ? 1 : 0);

          /* TRANSLATORS: an age in months inside a genogram symbol */
          return months < 1 ? g_strdup (_("<1m")) : g_strdup_printf (_("%dm"), months);
        }
    }
  else
    {
      /* Only the year (or month) of birth is known: the age is approximate. */
      years = y - by;
      if (born1 - born0 < 32 && m < bm)
        years--;
    }
  return years < 0 ? NULL : g_strdup_printf ("%d", years);
}

/* "1996" for a date, or the text as written when it is uncertain ("c. 1970"). */
static char *
year_of (const char *text,
         guint32     first)
{
  int y, m, d;

  if (first == 0)
    return NULL;
  if (g_ascii_isdigit (text[0]) && strlen (text) <= 10)
    {
      cg_date_to_ymd (first, &y, &m, &d);
      return g_strdup_printf ("%d", y);
    }
  return g_strdup (text);
}

static char *
format_day (guint32 day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  cg_date_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt ? g_date_time_format (dt, "%-d %B %Y") : g_strdup ("?");
}

/* ------------------------------------------------------------ text */

/* Labels come from the author's files: no control characters, valid UTF-8. */
static char *
clean_text (const char *text)
{
  char *clean;

  if (text == NULL)
    return NULL;
  clean = g_utf8_make_valid (text, -1);
  for (char *p = clean; *p; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';
  g_strstrip (clean);
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}

/* A little wider than DejaVu Sans, so that labels never touch. */
static double
text_width (const char *text,
            double      size,
            gboolean    bold)
{
  if (text == NULL)
    return 0;
  return g_utf8_strlen (text, -1) * size * (bold ? 0.66 : 0.60);
}

/* ------------------------------------------------------------ parts */

static Part *
add_part (CgGenogram     *self,
          CgGenogramPart  what,
          Shape           shape)
{
  Part part = { 0 };

  part.part = what;
  part.shape = shape;
  part.line_width = LINE_WIDTH;
  part.ink = INK;
  part.fill = PAPER;
  part.person = -1;
  g_array_append_val (self->parts, part);
  return &g_array_index (self->parts, Part, self->parts->len - 1);
}

static GArray *
points_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Point));
}

static void
points_add (GArray *points,
            double  x,
            double  y)
{
  Point p = { x, y };

  g_array_append_val (points, p);
}

static Part *
add_lines (CgGenogram     *self,
           CgGenogramPart  what,
           Shape           shape,
           GArray         *points,   /* taken */
           Stroke          stroke,
           guint32         ink)
{
  Part *part = add_part (self, what, shape);

  part->points = points;
  part->stroke = stroke;
  part->ink = ink;
  return part;
}

static Part *
add_segment (CgGenogram     *self,
             CgGenogramPart  what,
             double          x0,
             double          y0,
             double          x1,
             double          y1,
             Stroke          stroke,
             guint32         ink)
{
  GArray *points = points_new ();

  points_add (points, x0, y0);
  points_add (points, x1, y1);
  return add_lines (self, what, SHAPE_POLYLINE, points, stroke, ink);
}

static Part *
add_text (CgGenogram     *self,
          CgGenogramPart  what,
          double          x,
          double          y,
          const char     *text,
          double          size,
          gboolean        bold,
          Anchor          anchor)
{
  Part *part = add_part (self, what, SHAPE_TEXT);

  part->x = x;
  part->y = y;
  part->text = g_strdup (text);
  part->font_size = size;
  part->bold = bold;
  part->anchor = anchor;
  /* Labels under a symbol stay readable where a line crosses them. Not the
   * years above it: an arrow ending on the symbol must stay visible. */
  part->halo = what == CG_GENOGRAM_LABEL || what == CG_GENOGRAM_NAME ||
               what == CG_GENOGRAM_HOUSEHOLD_NAME;
  return part;
}

/* ------------------------------------------------------- polyline geometry */

static double
polyline_length (GArray *points)
{
  double length = 0;

  for (guint i = 1; i < points->len; i++)
    {
      Point *a = &g_array_index (points, Point, i - 1), *b = &g_array_index (points, Point, i);

      length += hypot (b->x - a->x, b->y - a->y);
    }
  return length;
}

/* The point at @distance along the line, and the unit direction there. */
static void
polyline_at (GArray *points,
             double  distance,
             Point  *at,
             Point  *direction)
{
  for (guint i = 1; i < points->len; i++)
    {
      Point *a = &g_array_index (points, Point, i - 1), *b = &g_array_index (points, Point, i);
      double len = hypot (b->x - a->x, b->y - a->y);

      if (len <= 0)
        continue;
      if (distance <= len || i == points->len - 1)
        {
          double t = CLAMP (distance / len, 0, 1);

          at->x = a->x + (b->x - a->x) * t;
          at->y = a->y + (b->y - a->y) * t;
          direction->x = (b->x - a->x) / len;
          direction->y = (b->y - a->y) / len;
          return;
        }
      distance -= len;
    }
  *at = g_array_index (points, Point, 0);
  direction->x = 1;
  direction->y = 0;
}

/* The same line moved sideways by @offset, corners mitred. */
static GArray *
polyline_offset (GArray *points,
                 double  offset)
{
  GArray *out = points_new ();
  guint n = points->len;

  for (guint i = 0; i < n; i++)
    {
      Point *p = &g_array_index (points, Point, i);
      Point n1 = { 0, 0 }, n2 = { 0, 0 }, normal;
      double scale = 1;

      if (i > 0)
        {
          Point *a = &g_array_index (points, Point, i - 1);
          double len = hypot (p->x - a->x, p->y - a->y);

          if (len > 0)
            {
              n1.x = -(p->y - a->y) / len;
              n1.y = (p->x - a->x) / len;
            }
        }
      if (i + 1 < n)
        {
          Point *b = &g_array_index (points, Point, i + 1);
          double len = hypot (b->x - p->x, b->y - p->y);

          if (len > 0)
            {
              n2.x = -(b->y - p->y) / len;
              n2.y = (b->x - p->x) / len;
            }
        }
      if (i == 0)
        n1 = n2;
      if (i + 1 == n)
        n2 = n1;
      normal.x = n1.x + n2.x;
      normal.y = n1.y + n2.y;
      if (hypot (normal.x, normal.y) < 1e-6)
        normal = n1;
      else
        {
          double len = hypot (normal.x, normal.y);

          normal.x /= len;
          normal.y /= len;
          scale = normal.x * n1.x + normal.y * n1.y;
          scale = scale > 0.3 ? 1 / scale : 1;
        }
      points_add (out, p->x + normal.x * offset * scale, p->y + normal.y * offset * scale);
    }
  return out;
}

/* A zig-zag along the line, straight for @lead_in and @lead_out at the ends. */
static GArray *
polyline_zigzag (GArray *points,
                 double  amplitude,
                 double  step,
                 double  lead_in,
                 double  lead_out)
{
  GArray *out = points_new ();
  double length = polyline_length (points);
  Point at, dir;
  int side = 1;

  points_add (out, g_array_index (points, Point, 0).x, g_array_index (points, Point, 0).y);
  if (length > lead_in + lead_out + step)
    {
      polyline_at (points, lead_in, &at, &dir);
      points_add (out, at.x, at.y);
      for (double s = lead_in + step / 2; s < length - lead_out; s += step)
        {
          polyline_at (points, s, &at, &dir);
          points_add (out, at.x - dir.y * amplitude * side, at.y + dir.x * amplitude * side);
          side = -side;
        }
      polyline_at (points, length - lead_out, &at, &dir);
      points_add (out, at.x, at.y);
    }
  points_add (out, g_array_index (points, Point, points->len - 1).x,
              g_array_index (points, Point, points->len - 1).y);
  return out;
}

/* ------------------------------------------------------------ people */

static void
collect_people (CgGenogram *self,
                CgFamily   *family)
{
  gboolean any_name = FALSE;

  for (guint i = 0; i < family->people->len; i++)
    {
      CgPerson *source = g_ptr_array_index (family->people, i);
      Person person = { 0 };
      guint32 born1 = 0, died0 = 0;

      person.key = g_strdup (source->key);
      person.sex = source->sex;
      person.subject = source->subject;
      person.unions = g_array_new (FALSE, FALSE, sizeof (guint));
      cg_family_date_range (source->born, &person.born0, &born1);
      person.born1 = born1;
      cg_family_date_range (source->died, &died0, NULL);
      person.unborn = person.born0 != 0 && person.born0 > self->as_at;
      person.deceased = died0 != 0 && died0 <= self->as_at;

      if (self->options.anonymise)
        {
          person.label = clean_text (source->label);
          if (person.label == NULL)
            person.label = g_strdup_printf (_("Person %u"), i + 1);
        }
      else
        {
          person.label = clean_text (source->label);
          person.name = clean_text (source->name);
          if (person.label == NULL)
            person.label = g_steal_pointer (&person.name);
          else if (g_strcmp0 (person.label, person.name) == 0)
            g_clear_pointer (&person.name, g_free);
          if (person.label == NULL)
            person.label = clean_text (source->key);
          if (person.born0 != 0)
            {
              g_autofree char *year = year_of (source->born, person.born0);
              person.born_text = g_strdup_printf (_("b. %s"), year);
            }
          if (died0 != 0 && person.deceased)
            {
              g_autofree char *year = year_of (source->died, died0);
              person.died_text = g_strdup_printf (_("d. %s"), year);
            }
        }
      if (!person.unborn)
        person.age = age_text (person.born0, person.born1, person.deceased ? died0 : self->as_at);
      any_name |= person.name != NULL;

      person.width = MAX (SYMBOL + 14, text_width (person.label, LABEL_SIZE, TRUE) + 10);
      person.width = MAX (person.width, text_width (person.name, NAME_SIZE, FALSE) + 10);
      person.width = MAX (person.width,
                          2 * MAX (text_width (person.born_text, YEARS_SIZE, FALSE),
                                   text_width (person.died_text, YEARS_SIZE, FALSE)) + 16);

      g_array_append_val (self->people, person);
      if (person.key != NULL && !g_hash_table_contains (self->by_key, person.key))
        g_hash_table_insert (self->by_key, person.key, GUINT_TO_POINTER (i + 1));
    }
  self->node_height = YEARS_HEIGHT + SYMBOL + LABEL_GAP + LABEL_HEIGHT +
                      (any_name ? NAME_HEIGHT : 0) + 2;
}

static int
index_of (CgGenogram *self,
          const char *key)
{
  return key ? (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key)) - 1 : -1;
}

/* ------------------------------------------------------------ couples */

static gint64
pair_key (int a,
          int b)
{
  if (b >= 0 && b < a)
    {
      int t = a;
      a = b;
      b = t;
    }
  return ((gint64)a << 32) | (guint32)b;
}

static Union *
find_union (CgGenogram *self,
            GHashTable *by_pair,
            int         a,
            int         b,
            CoupleState state)
{
  gint64 key = pair_key (a, b);
  Union *u = g_hash_table_lookup (by_pair, &key);

  if (u == NULL)
    {
      gint64 *stored = g_new (gint64, 1);

      u = g_new0 (Union, 1);
      u->a = a;
      u->b = b;
      u->rows = g_ptr_array_new ();
      u->children = g_array_new (FALSE, FALSE, sizeof (ChildLink));
      u->state = state;
      u->order = self->unions->len;
      u->start = G_MAXUINT32;
      *stored = key;
      g_hash_table_insert (by_pair, stored, u);
      g_ptr_array_add (self->unions, u);
    }
  return u;
}

static gboolean
is_couple_kind (CgRelationshipKind kind)
{
  return kind == CG_RELATIONSHIP_MARRIED || kind == CG_RELATIONSHIP_PARTNERS ||
         kind == CG_RELATIONSHIP_COHABITING || kind == CG_RELATIONSHIP_SEPARATED ||
         kind == CG_RELATIONSHIP_DIVORCED;
}

typedef struct
{
  guint32     start, end;   /* 0: open */
  CoupleState state;
  gboolean    explicit;     /* said by a row, not implied by a row ending */
  guint       order;
} Segment;

static void
add_segment_state (GArray      *segments,
                   guint32      start,
                   guint32      end,
                   CoupleState  state,
                   gboolean     explicit)
{
  Segment s = { start, end, state, explicit, segments->len };

  g_array_append_val (segments, s);
}

/* What the couple's rows say on @day. A row of a relationship that ended
 * (cohabiting 2021-06-01 to 2021-07-03) implies a separation after its end; a
 * separation with both dates (separated, 2015, 2017) reads as a relationship
 * from 2015 that ended in 2017. The latest explicit row in effect wins. */
static CoupleState
couple_state_on (Union      *u,
                 CgGenogram *self,
                 guint32     day)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  CoupleState together = u->ever_married ? COUPLE_MARRIED : COUPLE_PARTNERS;
  const Segment *best = NULL;
  guint32 earliest = G_MAXUINT32;

  for (guint i = 0; i < u->rows->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (u->rows, i);
      guint32 f = first_day (r->from), t = last_day (r->to);
      CoupleState kind_state;

      earliest = MIN (earliest, f == 0 ? 0 : f);
      switch (r->kind)
        {
        case CG_RELATIONSHIP_MARRIED:
        case CG_RELATIONSHIP_PARTNERS:
        case CG_RELATIONSHIP_COHABITING:
          kind_state = r->kind == CG_RELATIONSHIP_MARRIED ? COUPLE_MARRIED : COUPLE_PARTNERS;
          add_segment_state (segments, f, t, kind_state, TRUE);
          if (t != 0)
            {
              /* Widowed is not separated: the marriage line stays, the X shows the death. */
              Person *pa = person_at_index (self, u->a), *pb = person_at_index (self, u->b);
              gboolean widowed = (pa->deceased || pb->deceased) &&
                                 r->kind == CG_RELATIONSHIP_MARRIED;

              add_segment_state (segments, t + 1, 0, widowed ? kind_state : COUPLE_SEPARATED,
                                 FALSE);
            }
          break;
        case CG_RELATIONSHIP_SEPARATED:
        case CG_RELATIONSHIP_DIVORCED:
          kind_state = r->kind == CG_RELATIONSHIP_DIVORCED ? COUPLE_DIVORCED : COUPLE_SEPARATED;
          if (f != 0 && t != 0)
            {
              add_segment_state (segments, f, t - 1, r->kind == CG_RELATIONSHIP_DIVORCED ?
                                 COUPLE_MARRIED : together, TRUE);
              add_segment_state (segments, t, 0, kind_state, TRUE);
            }
          else
            {
              if (f != 0)
                add_segment_state (segments, 0, f - 1, together, FALSE);
              add_segment_state (segments, f, 0, kind_state, TRUE);
            }
          break;
        default:
          break;
        }
    }

  for (guint pass = 0; pass < 2 && best == NULL; pass++)
    for (guint i = 0; i < segments->len; i++)
      {
        const Segment *s = &g_array_index (segments, Segment, i);

        if (s->explicit != (pass == 0))
          continue;
        if ((s->start != 0 && day < s->start) || (s->end != 0 && day > s->end))
          continue;
        if (best == NULL || s->start > best->start ||
            (s->start == best->start && s->order > best->order))
          best = s;
      }
  if (best != NULL)
    return best->state;
  return earliest != 0 && day < earliest ? COUPLE_NOT_YET : together;
}

typedef struct
{
  GArray *parents;   /* int */
  GArray *rows;      /* CgRelationship * */
} ParentSet;

static ChildKind
child_kind_of (CgRelationshipKind kind)
{
  switch (kind)
    {
    case CG_RELATIONSHIP_ADOPTIVE_PARENT:
      return CHILD_ADOPTED;
    case CG_RELATIONSHIP_FOSTER_PARENT:
      return CHILD_FOSTER;
    case CG_RELATIONSHIP_PARENT:
    default:
      return CHILD_BIRTH;
    }
}

static void
add_child (CgGenogram *self,
           Union      *u,
           int         child,
           ChildKind   kind,
           gboolean    drawn)
{
  ChildLink link = { child, kind, drawn };

  for (guint i = 0; i < u->children->len; i++)
    if (g_array_index (u->children, ChildLink, i).child == child)
      return;
  g_array_append_val (u->children, link);
  person_at_index (self, child)->parent_links++;
}

static int
compare_links_by_birth (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  CgGenogram *self = user_data;
  const ChildLink *la = a, *lb = b;
  guint32 ba = person_at_index (self, la->child)->born0;
  guint32 bb = person_at_index (self, lb->child)->born0;

  /* Unknown birth dates go last, in the family's order. */
  if (ba == 0)
    ba = G_MAXUINT32;
  if (bb == 0)
    bb = G_MAXUINT32;
  if (ba != bb)
    return ba < bb ? -1 : 1;
  return la->child - lb->child;
}

static int
compare_unions_by_start (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  CgGenogram *self = user_data;
  const Union *ua = g_ptr_array_index (self->unions, *(const guint *)a);
  const Union *ub = g_ptr_array_index (self->unions, *(const guint *)b);

  if (ua->start != ub->start)
    return ua->start < ub->start ? -1 : 1;
  return (int)ua->order - (int)ub->order;
}

static void
build_unions (CgGenogram *self,
              CgFamily   *family)
{
  g_autoptr(GHashTable) by_pair = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = self->people->len;
  ParentSet *sets = g_new0 (ParentSet, n * N_CHILD_KINDS);

  for (guint i = 0; i < family->relationships->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (family->relationships, i);
      int a = index_of (self, r->a), b = index_of (self, r->b);

      if (a < 0 || b < 0 || a == b)
        continue;
      if (is_couple_kind (r->kind))
        {
          Union *u = find_union (self, by_pair, a, b, COUPLE_PARTNERS);
          guint32 f = first_day (r->from);

          g_ptr_array_add (u->rows, r);
          u->ever_married |= r->kind == CG_RELATIONSHIP_MARRIED ||
                             r->kind == CG_RELATIONSHIP_DIVORCED;
          if (f != 0)
            u->start = MIN (u->start, f);
        }
      else if (r->kind == CG_RELATIONSHIP_PARENT || r->kind == CG_RELATIONSHIP_ADOPTIVE_PARENT ||
               r->kind == CG_RELATIONSHIP_FOSTER_PARENT)
        {
          ParentSet *set = &sets[b * N_CHILD_KINDS + child_kind_of (r->kind)];

          if (set->parents == NULL)
            {
              set->parents = g_array_new (FALSE, FALSE, sizeof (int));
              set->rows = g_array_new (FALSE, FALSE, sizeof (CgRelationship *));
            }
          for (guint k = 0; k < set->parents->len; k++)
            if (g_array_index (set->parents, int, k) == a)
              goto next;
          g_array_append_val (set->parents, a);
          g_array_append_val (set->rows, r);
        }
    next:
      ;
    }

  for (guint child = 0; child < n; child++)
    for (guint kind = 0; kind < N_CHILD_KINDS; kind++)
      {
        ParentSet *set = &sets[child * N_CHILD_KINDS + kind];
        CgRelationship *row;
        gboolean drawn = TRUE;
        guint k = 0;

        if (set->parents == NULL)
          continue;
        row = g_array_index (set->rows, CgRelationship *, 0);
        if (kind == CHILD_FOSTER)
          drawn = in_effect (row->from, row->to, self->as_at);
        else if (kind == CHILD_ADOPTED)
          drawn = first_day (row->from) == 0 || first_day (row->from) <= self->as_at;
        if (set->parents->len >= 2)
          {
            Union *u = find_union (self, by_pair, g_array_index (set->parents, int, 0),
                                   g_array_index (set->parents, int, 1), COUPLE_UNRECORDED);
            add_child (self, u, child, kind, drawn);
            k = 2;
          }
        for (; k < set->parents->len; k++)
          {
            Union *u = find_union (self, by_pair, g_array_index (set->parents, int, k), -1,
                                   COUPLE_SINGLE);
            add_child (self, u, child, kind, drawn);
          }
        g_array_unref (set->parents);
        g_array_unref (set->rows);
      }
  g_free (sets);

  for (guint i = 0; i < self->unions->len; i++)
    {
      Union *u = g_ptr_array_index (self->unions, i);

      g_array_sort_with_data (u->children, compare_links_by_birth, self);
      if (u->start == G_MAXUINT32)
        for (guint c = 0; c < u->children->len; c++)
          {
            int child = g_array_index (u->children, ChildLink, c).child;
            guint32 born = person_at_index (self, child)->born0;

            if (born != 0)
              u->start = MIN (u->start, born);
          }
      if (u->rows->len > 0)
        u->state = couple_state_on (u, self, self->as_at);
      g_array_append_val (person_at_index (self, u->a)->unions, i);
      if (u->b >= 0)
        g_array_append_val (person_at_index (self, u->b)->unions, i);
    }
  for (guint i = 0; i < n; i++)
    g_array_sort_with_data (person_at_index (self, i)->unions, compare_unions_by_start, self);
}

/* ------------------------------------------------------------ Graphviz */

/* Graphviz keeps global state and is not thread-safe: one lock around it all. */
G_LOCK_DEFINE_STATIC (graphviz);
static GString *graphviz_messages;   /* under the lock */
/* One context for the life of the program: Graphviz 2.42 reads its plugin
 * configuration for each new context and does not free all of it. */
static GVC_t *graphviz_context;      /* under the lock */

static int
collect_graphviz_message (char *message)
{
  if (graphviz_messages != NULL && message != NULL)
    g_string_append (graphviz_messages, message);
  return 0;
}

/* cgraph 2.42 takes `char *` although it never writes: the casts stay here. */
static void
set_attr (void       *object,
          const char *name,
          const char *value)
{
  agsafeset (object, (char *)name, (char *)value, (char *)"");
}

static void
set_inches (void       *object,
            const char *name,
            double      points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", points / 72.0);
  set_attr (object, name, buffer);
}

static void
declare (Agraph_t   *graph,
         int         kind,
         const char *name,
         const char *value)
{
  agattr (graph, kind, (char *)name, (char *)value);
}

static Agraph_t *
rank_group (Agraph_t *graph,
            guint     n)
{
  char name[32];
  Agraph_t *sub;

  g_snprintf (name, sizeof name, "rank%u", n);
  sub = agsubg (graph, name, TRUE);
  set_attr (sub, "rank", "same");
  return sub;
}

static Agedge_t *
connect (Agraph_t *graph,
         Agnode_t *tail,
         Agnode_t *head)
{
  return agedge (graph, tail, head, NULL, TRUE);
}

typedef struct
{
  CgGenogram *self;
  Agraph_t   *graph;
  guint       n_nodes;
} Builder;

static Agnode_t *
person_node (Builder *b,
             int      i)
{
  Person *person = person_at_index (b->self, i);
  char name[32];

  if (person->node == NULL)
    {
      g_snprintf (name, sizeof name, "p%d", i);
      person->node = agnode (b->graph, name, TRUE);
      set_inches (person->node, "width", person->width);
    }
  return person->node;
}

static Agnode_t *
union_node (Builder *b,
            Union   *u)
{
  char name[32];

  if (u->node == NULL)
    {
      g_snprintf (name, sizeof name, "u%u", u->order);
      u->node = agnode (b->graph, name, TRUE);
      set_attr (u->node, "shape", "point");
      set_attr (u->node, "width", "0.08");
      set_attr (u->node, "height", "0.08");
    }
  return u->node;
}

static int
partner_of (Union *u,
            int    person)
{
  return u->a == person ? u->b : u->a;
}

/* Depth first, so that dot sees each family in the order it is written. */
static void
visit (Builder *b,
       int      i)
{
  CgGenogram *self = b->self;
  Person *person = person_at_index (self, i);

  if (person->visited)
    return;
  person->visited = TRUE;
  person_node (b, i);
  for (guint k = 0; k < person->unions->len; k++)
    {
      Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));

      if (u->b >= 0)
        person_node (b, partner_of (u, i));
      union_node (b, u);
    }
  for (guint k = 0; k < person->unions->len; k++)
    {
      Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));

      for (guint c = 0; c < u->children->len; c++)
        visit (b, g_array_index (u->children, ChildLink, c).child);
    }
  for (guint k = 0; k < person->unions->len; k++)
    {
      Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));

      if (u->b >= 0)
        visit (b, partner_of (u, i));
    }
}

static int
couples_of (CgGenogram *self,
            int         i)
{
  Person *person = person_at_index (self, i);
  int n = 0;

  for (guint k = 0; k < person->unions->len; k++)
    {
      Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));

      if (u->b >= 0)
        n++;
    }
  return n;
}

/* The left-to-right order of a set of people joined by couples: the person
 * with most partners in the middle, the first partner on the left, later ones
 * on the right; partners of partners further out on their side. Two people:
 * the man on the left, by convention. */
static GArray *
order_partners (CgGenogram *self,
                int         start,
                gboolean   *placed)
{
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) right = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) side = g_array_new (FALSE, FALSE, sizeof (int));   /* -1 left, 1 right */
  GArray *order = g_array_new (FALSE, FALSE, sizeof (int));
  int hub = start, zero = 0;

  /* The component, to find its hub. */
  g_array_append_val (queue, start);
  placed[start] = TRUE;
  for (guint q = 0; q < queue->len; q++)
    {
      int i = g_array_index (queue, int, q);
      Person *person = person_at_index (self, i);

      if (couples_of (self, i) > couples_of (self, hub))
        hub = i;
      for (guint k = 0; k < person->unions->len; k++)
        {
          Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));
          int other = partner_of (u, i);

          if (u->b >= 0 && !placed[other])
            {
              placed[other] = TRUE;
              g_array_append_val (queue, other);
            }
        }
    }
  if (queue->len == 2)
    {
      int a = g_array_index (queue, int, 0), b = g_array_index (queue, int, 1);
      CgSex sa = person_at_index (self, a)->sex, sb = person_at_index (self, b)->sex;

      if ((sb == CG_SEX_MALE && sa != CG_SEX_MALE) || (sa == CG_SEX_FEMALE && sb != CG_SEX_FEMALE))
        {
          int t = a;
          a = b;
          b = t;
        }
      else if (sa == sb && b < a)
        {
          int t = a;
          a = b;
          b = t;
        }
      g_array_append_val (order, a);
      g_array_append_val (order, b);
      return order;
    }

  /* Breadth first from the hub, each person going out on their partner's side. */
  for (guint q = 0; q < queue->len; q++)
    placed[g_array_index (queue, int, q)] = FALSE;
  g_array_set_size (queue, 0);
  g_array_append_val (queue, hub);
  g_array_append_val (side, zero);
  placed[hub] = TRUE;
  for (guint q = 0; q < queue->len; q++)
    {
      int i = g_array_index (queue, int, q);
      int my_side = g_array_index (side, int, q);
      Person *person = person_at_index (self, i);
      gboolean first = TRUE;

      for (guint k = 0; k < person->unions->len; k++)
        {
          Union *u = g_ptr_array_index (self->unions, g_array_index (person->unions, guint, k));
          int other = partner_of (u, i);
          int other_side;

          if (u->b < 0 || placed[other])
            continue;
          placed[other] = TRUE;
          other_side = my_side != 0 ? my_side : (first ? -1 : 1);
          first = FALSE;
          g_array_append_val (queue, other);
          g_array_append_val (side, other_side);
          if (other_side < 0)
            g_array_append_val (left, other);
          else
            g_array_append_val (right, other);
        }
    }
  for (guint k = left->len; k > 0; k--)
    g_array_append_val (order, g_array_index (left, int, k - 1));
  g_array_append_val (order, hub);
  g_array_append_vals (order, right->data, right->len);
  return order;
}

static void
build_graph (Builder *b)
{
  CgGenogram *self = b->self;
  Agraph_t *g = b->graph;
  guint n = self->people->len, n_groups = 0;
  g_autofree gboolean *placed = g_new0 (gboolean, n);
  g_autofree int *position = g_new0 (int, n);
  g_autofree Agraph_t **cluster_of = g_new0 (Agraph_t *, n);

  declare (g, AGRAPH, "rankdir", "TB");
  declare (g, AGRAPH, "newrank", "true");
  declare (g, AGRAPH, "ordering", "out");
  declare (g, AGRAPH, "splines", "false");
  {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (buffer, sizeof buffer, "%.3f", NODE_SEP / 72.0);
    declare (g, AGRAPH, "nodesep", buffer);
    g_ascii_formatd (buffer, sizeof buffer, "%.3f", RANK_SEP / 72.0);
    declare (g, AGRAPH, "ranksep", buffer);
  }
  declare (g, AGNODE, "shape", "box");
  declare (g, AGNODE, "fixedsize", "true");
  declare (g, AGNODE, "label", "");
  declare (g, AGNODE, "width", "0.75");
  {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (buffer, sizeof buffer, "%.3f", self->node_height / 72.0);
    declare (g, AGNODE, "height", buffer);
  }
  declare (g, AGEDGE, "style", "solid");
  declare (g, AGEDGE, "weight", "1");

  /* Nodes: the families top down, each in the order it is written. */
  for (guint i = 0; i < n; i++)
    if (person_at_index (self, i)->parent_links == 0)
      visit (b, i);
  for (guint i = 0; i < n; i++)
    visit (b, i);

  /* Couples: each set of people joined by couples on one rank, in order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) order = NULL;
      Agraph_t *cluster, *rank;
      char name[32];

      if (placed[i] || couples_of (self, i) == 0)
        continue;
      order = order_partners (self, i, placed);
      /* A cluster keeps partners together: a sister does not end up between
       * her sister and her sister's second husband. The rank is inside it. */
      g_snprintf (name, sizeof name, "cluster_c%u", n_groups);
      cluster = agsubg (g, name, TRUE);
      rank = rank_group (cluster, n_groups++);
      for (guint k = 0; k < order->len; k++)
        {
          int p = g_array_index (order, int, k);

          position[p] = k;
          cluster_of[p] = cluster;
          agsubnode (rank, person_node (b, p), TRUE);
        }
      for (guint k = 0; k + 1 < order->len; k++)
        {
          int p = g_array_index (order, int, k), q = g_array_index (order, int, k + 1);
          gboolean joined = FALSE;
          Person *pp = person_at_index (self, p);

          for (guint j = 0; j < pp->unions->len; j++)
            {
              Union *u = g_ptr_array_index (self->unions, g_array_index (pp->unions, guint, j));
              joined |= u->b >= 0 && partner_of (u, p) == q;
            }
          if (!joined)
            {
              /* Keeps the order of partners who are not a couple. */
              Agedge_t *e = connect (g, person_node (b, p), person_node (b, q));
              set_attr (e, "style", "invis");
            }
        }
      for (guint k = 0; k < order->len; k++)
        {
          int p = g_array_index (order, int, k);
          Person *pp = person_at_index (self, p);

          for (guint j = 0; j < pp->unions->len; j++)
            {
              Union *u = g_ptr_array_index (self->unions, g_array_index (pp->unions, guint, j));
              int other = partner_of (u, p);
              Agedge_t *e;

              if (u->b < 0 || position[other] < position[p])
                continue;
              /* The left partner is a from now on. */
              u->a = p;
              u->b = other;
              agsubnode (rank, union_node (b, u), TRUE);
              e = connect (g, person_node (b, p), union_node (b, u));
              set_attr (e, "weight", "5");
              e = connect (g, union_node (b, u), person_node (b, other));
              set_attr (e, "weight", "5");
            }
        }
    }

  /* One parent: a point beside them on their rank. */
  for (guint i = 0; i < self->unions->len; i++)
    {
      Union *u = g_ptr_array_index (self->unions, i);
      Agraph_t *rank;

      if (u->b >= 0 || u->children->len == 0)
        continue;
      rank = rank_group (cluster_of[u->a] ? cluster_of[u->a] : g, n_groups++);
      agsubnode (rank, person_node (b, u->a), TRUE);
      agsubnode (rank, union_node (b, u), TRUE);
      connect (g, person_node (b, u->a), union_node (b, u));
    }

  /* Children hang from the union, oldest first. */
  for (guint i = 0; i < self->unions->len; i++)
    {
      Union *u = g_ptr_array_index (self->unions, i);

      for (guint c = 0; c < u->children->len; c++)
        {
          Agedge_t *e = connect (g, union_node (b, u),
                                 person_node (b, g_array_index (u->children, ChildLink, c).child));
          set_attr (e, "weight", "2");
        }
    }
}

/* For comparing with plain dot (tools/bench-genogram.sh): the graph as given to
 * dot, written to the file named by CHRONOGRAM_GENOGRAM_DOT. */
static void
dump_graph (Agraph_t *graph)
{
  const char *path = g_getenv ("CHRONOGRAM_GENOGRAM_DOT");
  FILE *file;

  if (path == NULL || *path == '\0' || !(file = fopen (path, "w")))
    return;
  agwrite (graph, file);
  fclose (file);
}

/* Runs dot and reads back where it put people and unions, in our coordinates:
 * points, y down, the picture's top left at (MARGIN, MARGIN + CAPTION_SPACE). */
static gboolean
run_layout (CgGenogram  *self,
            double      *graph_width,
            double      *graph_height,
            GError     **error)
{
  Builder b = { self, NULL, 0 };
  GVC_t *gvc;
  agusererrf previous;
  gboolean ok = TRUE;

  G_LOCK (graphviz);

  graphviz_messages = g_string_new (NULL);
  previous = agseterrf (collect_graphviz_message);
  if (graphviz_context == NULL)
    graphviz_context = gvContext ();
  gvc = graphviz_context;
  b.graph = agopen ((char *)"genogram", Agdirected, NULL);
  build_graph (&b);
  dump_graph (b.graph);

  if (gvLayout (gvc, b.graph, "dot") != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("The genogram could not be laid out (Graphviz: %s)"),
                   graphviz_messages->len ? g_strstrip (graphviz_messages->str)
                                          : _("unknown error"));
      ok = FALSE;
    }
  else
    {
      boxf bb = GD_bb (b.graph);
      double left = bb.LL.x, top = bb.UR.y;

      *graph_width = bb.UR.x - bb.LL.x;
      *graph_height = bb.UR.y - bb.LL.y;
      for (guint i = 0; i < self->people->len; i++)
        {
          Person *p = person_at_index (self, i);
          double x = ND_coord (p->node).x - left + MARGIN;
          double y = top - ND_coord (p->node).y + MARGIN + CAPTION_SPACE;

          p->cx = x;
          p->top = y - self->node_height / 2;
          p->bottom = y + self->node_height / 2;
          p->cy = p->top + YEARS_HEIGHT + RADIUS;
          p->node = NULL;
        }
      for (guint i = 0; i < self->unions->len; i++)
        {
          Union *u = g_ptr_array_index (self->unions, i);

          if (u->node == NULL)
            continue;
          u->x = ND_coord (u->node).x - left + MARGIN;
          u->y = top - ND_coord (u->node).y + MARGIN + CAPTION_SPACE;
          u->node = NULL;
        }
      gvFreeLayout (gvc, b.graph);
    }

  agclose (b.graph);
  if (graphviz_messages->len > 0)
    g_debug ("Graphviz said: %s", graphviz_messages->str);
  agseterrf (previous);
  g_string_free (g_steal_pointer (&graphviz_messages), TRUE);

  G_UNLOCK (graphviz);

  return ok;
}

/* ------------------------------------------------------------ drawing */

/* Other people of the same generation standing between two x positions. */
static guint
people_between (CgGenogram *self,
                double      cy,
                double      x0,
                double      x1)
{
  guint n = 0;

  for (guint i = 0; i < self->people->len; i++)
    {
      Person *p = person_at_index (self, i);

      if (fabs (p->cy - cy) < 1 && p->cx > x0 + 1 && p->cx < x1 - 1)
        n++;
    }
  return n;
}

static void
draw_slashes (CgGenogram *self,
              double      x,
              double      y,
              guint       n)
{
  for (guint k = 0; k < n; k++)
    {
      double dx = n == 1 ? 0 : (k == 0 ? -3.5 : 3.5);
      Part *part = add_segment (self, CG_GENOGRAM_SLASH, x + dx - 4, y + 7, x + dx + 4, y - 7,
                                STROKE_SOLID, INK);
      part->line_width = 1.6;
    }
}

typedef struct
{
  double   x;        /* where the line to the children leaves */
  double   y;
  double   bar_x0;   /* the horizontal stretch it may leave from */
  double   bar_x1;
} Drop;

static Stroke
couple_stroke (Union *u)
{
  switch (u->state)
    {
    case COUPLE_PARTNERS:
      return STROKE_DASHED;
    case COUPLE_SEPARATED:
      return u->ever_married ? STROKE_SOLID : STROKE_DASHED;
    case COUPLE_NOT_YET:
      return STROKE_DOTTED;
    case COUPLE_MARRIED:
    case COUPLE_DIVORCED:
    case COUPLE_UNRECORDED:
    case COUPLE_SINGLE:
    default:
      return STROKE_SOLID;
    }
}

static const char *
couple_variant (CoupleState state)
{
  switch (state)
    {
    case COUPLE_MARRIED:
      return "married";
    case COUPLE_PARTNERS:
      return "partners";
    case COUPLE_SEPARATED:
      return "separated";
    case COUPLE_DIVORCED:
      return "divorced";
    case COUPLE_NOT_YET:
      return "not-yet";
    case COUPLE_UNRECORDED:
      return "unrecorded";
    case COUPLE_SINGLE:
    default:
      return "single";
    }
}

static guint
couple_feature (CoupleState state)
{
  switch (state)
    {
    case COUPLE_MARRIED:
      return F_MARRIED;
    case COUPLE_PARTNERS:
      return F_PARTNERS;
    case COUPLE_SEPARATED:
      return F_SEPARATED;
    case COUPLE_DIVORCED:
      return F_DIVORCED;
    case COUPLE_NOT_YET:
      return F_NOT_YET;
    case COUPLE_UNRECORDED:
      return F_UNRECORDED;
    case COUPLE_SINGLE:
    default:
      return 0;
    }
}

static gboolean
has_drawn_children (Union *u)
{
  for (guint c = 0; c < u->children->len; c++)
    if (g_array_index (u->children, ChildLink, c).drawn)
      return TRUE;
  return FALSE;
}

/* The couple line: side to side when the partners stand next to each other,
 * otherwise under the labels of whoever stands between them. */
static Drop
draw_couple (CgGenogram *self,
             Union      *u)
{
  Person *a = person_at_index (self, u->a);
  Drop drop = { u->x, a->cy, u->x, u->x };
  GArray *points = points_new ();
  guint slashes = u->state == COUPLE_DIVORCED ? 2 : u->state == COUPLE_SEPARATED ? 1 : 0;
  gboolean children = has_drawn_children (u);
  Part *part;
  double slash_x;

  if (u->b < 0)
    {
      /* One parent: a short line from their side to the point beside them. */
      double dir = u->x >= a->cx ? 1 : -1;

      points_add (points, a->cx + dir * RADIUS, a->cy);
      points_add (points, u->x, a->cy);
      if (!children)
        {
          g_array_unref (points);
          return drop;
        }
      add_lines (self, CG_GENOGRAM_DESCENT_LINE, SHAPE_POLYLINE, points, STROKE_SOLID, INK);
      return drop;
    }
  else
    {
      Person *b = person_at_index (self, u->b);
      guint between = people_between (self, a->cy, a->cx, b->cx);

      if (between == 0 || fabs (a->cy - b->cy) > 1)
        {
          points_add (points, a->cx + RADIUS, a->cy);
          points_add (points, b->cx - RADIUS, b->cy);
          drop.y = (a->cy + b->cy) / 2;
          drop.bar_x0 = a->cx + RADIUS + 6;
          drop.bar_x1 = b->cx - RADIUS - 6;
        }
      else
        {
          double x0 = a->cx + a->width / 2 + NODE_SEP / 2;
          double x1 = b->cx - b->width / 2 - NODE_SEP / 2;
          double low = a->bottom + 7 + 5 * MIN (between - 1, 4);

          /* Lower on the sides than a line to a partner who stands next to them. */
          points_add (points, a->cx + RADIUS, a->cy + 9);
          points_add (points, x0, a->cy + 9);
          points_add (points, x0, low);
          points_add (points, x1, low);
          points_add (points, x1, b->cy + 9);
          points_add (points, b->cx - RADIUS, b->cy + 9);
          drop.y = low;
          drop.bar_x0 = x0 + 6;
          drop.bar_x1 = x1 - 6;
        }
      if (drop.bar_x1 < drop.bar_x0)
        drop.bar_x0 = drop.bar_x1 = (drop.bar_x0 + drop.bar_x1) / 2;
      drop.x = CLAMP (u->x, drop.bar_x0, drop.bar_x1);

      part = add_lines (self, CG_GENOGRAM_COUPLE_LINE, SHAPE_POLYLINE, points, couple_stroke (u),
                        INK);
      part->variant = couple_variant (u->state);
      part->line_width = 1.6;
      if (u->state == COUPLE_NOT_YET || u->state == COUPLE_UNRECORDED)
        {
          part->ink = GREY;
          part->line_width = 1.2;
        }
      self->features |= couple_feature (u->state);

      /* Slashes beside the line to the children, not on it. */
      slash_x = drop.x;
      if (children && slashes)
        slash_x = drop.x - 14 >= drop.bar_x0 - 6 ? drop.x - 14 : drop.x + 14;
      draw_slashes (self, slash_x, drop.y, slashes);
      return drop;
    }
}

static Stroke
child_stroke (ChildKind kind)
{
  if (kind == CHILD_ADOPTED)
    return STROKE_DASHED;
  return kind == CHILD_FOSTER ? STROKE_DOTTED : STROKE_SOLID;
}

static void
draw_children (CgGenogram *self,
               Union      *u,
               Drop        drop,
               guint       slot)
{
  double top = G_MAXDOUBLE, x0 = drop.x, x1 = drop.x, y;
  gboolean all_same = TRUE;
  ChildKind first_kind = CHILD_BIRTH;
  gboolean any = FALSE;
  Part *part;
  Stroke stroke;

  for (guint c = 0; c < u->children->len; c++)
    {
      ChildLink *link = &g_array_index (u->children, ChildLink, c);
      Person *child = person_at_index (self, link->child);

      if (!link->drawn)
        continue;
      if (!any)
        first_kind = link->kind;
      all_same &= link->kind == first_kind;
      any = TRUE;
      top = MIN (top, child->top);
      x0 = MIN (x0, child->cx);
      x1 = MAX (x1, child->cx);
    }
  if (!any)
    return;

  /* Lines of different couples into one generation are kept apart. */
  y = top - 6 - 5 * (slot % 3);
  if (y < drop.y + 4)
    y = drop.y + 4;
  stroke = all_same ? child_stroke (first_kind) : STROKE_SOLID;
  add_segment (self, CG_GENOGRAM_DESCENT_LINE, drop.x, drop.y, drop.x, y, stroke, INK);
  if (x1 - x0 > 0.5)
    add_segment (self, CG_GENOGRAM_DESCENT_LINE, x0, y, x1, y, stroke, INK);
  for (guint c = 0; c < u->children->len; c++)
    {
      ChildLink *link = &g_array_index (u->children, ChildLink, c);
      Person *child = person_at_index (self, link->child);

      if (!link->drawn)
        continue;
      part = add_segment (self, CG_GENOGRAM_CHILD_LINE, child->cx, y, child->cx,
                          child->cy - RADIUS - (child->subject ? SUBJECT_GAP : 0),
                          child_stroke (link->kind), INK);
      part->variant = link->kind == CHILD_ADOPTED ? "adopted" :
                      link->kind == CHILD_FOSTER ? "foster" : "birth";
      self->features |= link->kind == CHILD_ADOPTED ? F_ADOPTED :
                        link->kind == CHILD_FOSTER ? F_FOSTER : F_CHILD;
    }
}

static int
compare_drops (gconstpointer a,
               gconstpointer b)
{
  const double *x = a, *y = b;

  return *x < *y ? -1 : *x > *y;
}

static void
draw_families (CgGenogram *self)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (guint i = 0; i < self->unions->len; i++)
    {
      Union *u = g_ptr_array_index (self->unions, i);
      Drop drop = draw_couple (self, u);
      double entry[2] = { drop.x, i };

      g_array_append_val (order, entry);
      /* Stash the drop for the children's lines below. */
      u->x = drop.x;
      u->y = drop.y;
    }
  /* Left to right, so neighbouring families get different heights of line. */
  g_array_sort (order, compare_drops);
  for (guint k = 0; k < order->len; k++)
    {
      double *entry = &g_array_index (order, double, k * 2);
      Union *u = g_ptr_array_index (self->unions, (guint)entry[1]);
      Drop drop = { u->x, u->y, u->x, u->x };

      draw_children (self, u, drop, k);
    }
}

/* ----------------------------------------------------- emotional lines */

/* Where a line from the centre of @p in direction (dx, dy) leaves its symbol. */
static double
symbol_reach (Person *p,
              double  dx,
              double  dy)
{
  if (p->sex == CG_SEX_MALE)
    return RADIUS / MAX (fabs (dx), fabs (dy));
  if (p->sex == CG_SEX_UNKNOWN)
    return RADIUS * 1.2 / (fabs (dx) + fabs (dy));
  return RADIUS;
}

/* Line @k of the @n between two people. Side by side: straight across above
 * the couple line, or over the heads of whoever stands between. Otherwise
 * straight from symbol to symbol, parallel lines a little apart; labels keep
 * a white halo where a line crosses them. */
static GArray *
emotional_route (CgGenogram *self,
                 Person     *a,
                 Person     *b,
                 guint       k,
                 guint       n)
{
  GArray *points = points_new ();

  if (fabs (a->cy - b->cy) < 1)
    {
      Person *l = a->cx <= b->cx ? a : b, *r = l == a ? b : a;

      if (people_between (self, l->cy, l->cx, r->cx) == 0)
        {
          double lift = 8 + 6 * k;

          points_add (points, l->cx + RADIUS, l->cy - lift);
          points_add (points, r->cx - RADIUS, r->cy - lift);
        }
      else
        {
          double over = l->top - 6 - 6 * k;

          points_add (points, l->cx + RADIUS, l->cy - RADIUS + 4);
          points_add (points, l->cx + RADIUS + 8, over);
          points_add (points, r->cx - RADIUS - 8, over);
          points_add (points, r->cx - RADIUS, r->cy - RADIUS + 4);
        }
      if (l != a)
        {
          /* From a to b, for the arrow. */
          for (guint i = 0; i < points->len / 2; i++)
            {
              Point t = g_array_index (points, Point, i);

              g_array_index (points, Point, i) = g_array_index (points, Point, points->len - 1 - i);
              g_array_index (points, Point, points->len - 1 - i) = t;
            }
        }
    }
  else
    {
      double dx = b->cx - a->cx, dy = b->cy - a->cy, len = hypot (dx, dy);
      double offset = (k - (n - 1) / 2.0) * 11;
      double ra, rb;

      dx /= len;
      dy /= len;
      ra = symbol_reach (a, dx, dy) + 3;
      rb = symbol_reach (b, dx, dy) + 3;
      points_add (points, a->cx + dx * ra - dy * offset, a->cy + dy * ra + dx * offset);
      points_add (points, b->cx - dx * rb - dy * offset, b->cy - dy * rb + dx * offset);
    }
  return points;
}

static void
draw_cutoff (CgGenogram *self,
             GArray     *route)
{
  double length = polyline_length (route), gap = 5;
  Point mid, dir;
  GArray *first = points_new (), *second = points_new ();
  Part *part;

  polyline_at (route, length / 2, &mid, &dir);
  for (guint i = 0; i < route->len; i++)
    {
      Point p = g_array_index (route, Point, i);
      double along = (p.x - mid.x) * dir.x + (p.y - mid.y) * dir.y;

      /* Corners are on one side of the middle or the other. */
      if (along < -gap)
        g_array_append_val (first, p);
      else if (along > gap)
        g_array_append_val (second, p);
    }
  points_add (first, mid.x - dir.x * gap, mid.y - dir.y * gap);
  g_array_prepend_val (second, ((Point) { mid.x + dir.x * gap, mid.y + dir.y * gap }));
  add_lines (self, CG_GENOGRAM_CUTOFF_LINE, SHAPE_POLYLINE, first, STROKE_SOLID, CUTOFF_INK);
  add_lines (self, CG_GENOGRAM_CUTOFF_LINE, SHAPE_POLYLINE, second, STROKE_SOLID, CUTOFF_INK);
  for (int s = -1; s <= 1; s += 2)
    {
      double x = mid.x + dir.x * gap * s, y = mid.y + dir.y * gap * s;

      part = add_segment (self, CG_GENOGRAM_CUTOFF_BAR, x - dir.y * 6, y + dir.x * 6,
                          x + dir.y * 6, y - dir.x * 6, STROKE_SOLID, CUTOFF_INK);
      part->line_width = 1.6;
    }
}

static void
draw_arrow (CgGenogram *self,
            GArray     *route,
            guint32     ink)
{
  Point tip = g_array_index (route, Point, route->len - 1);
  Point from = g_array_index (route, Point, route->len - 2);
  double len = hypot (tip.x - from.x, tip.y - from.y);
  double dx = len > 0 ? (tip.x - from.x) / len : 1, dy = len > 0 ? (tip.y - from.y) / len : 0;
  GArray *points = points_new ();
  Part *part;

  points_add (points, tip.x, tip.y);
  points_add (points, tip.x - dx * 10 - dy * 5, tip.y - dy * 10 + dx * 5);
  points_add (points, tip.x - dx * 10 + dy * 5, tip.y - dy * 10 - dx * 5);
  part = add_lines (self, CG_GENOGRAM_ABUSE_ARROW, SHAPE_POLYGON, points, STROKE_SOLID, ink);
  part->filled = TRUE;
  part->fill = ink;
  part->line_width = 1;
}

static void
draw_emotional_lines (CgGenogram *self,
                      CgFamily   *family)
{
  g_autoptr(GHashTable) per_pair = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  g_autoptr(GHashTable) drawn = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  /* Those in effect at the date, and how many join each pair. */
  for (guint i = 0; i < family->relationships->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (family->relationships, i);
      int ia = index_of (self, r->a), ib = index_of (self, r->b);
      gint64 key, *stored;
      guint n;

      if (ia < 0 || ib < 0 || ia == ib)
        continue;
      if (r->kind != CG_RELATIONSHIP_CLOSE && r->kind != CG_RELATIONSHIP_CONFLICT &&
          r->kind != CG_RELATIONSHIP_CUTOFF && r->kind != CG_RELATIONSHIP_ABUSE)
        continue;
      if (!in_effect (r->from, r->to, self->as_at))
        continue;
      key = pair_key (ia, ib);
      stored = g_new (gint64, 1);
      *stored = key;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (per_pair, &key));
      g_hash_table_insert (per_pair, stored, GUINT_TO_POINTER (n + 1));
      g_ptr_array_add (shown, r);
    }

  for (guint i = 0; i < shown->len; i++)
    {
      CgRelationship *r = g_ptr_array_index (shown, i);
      int ia = index_of (self, r->a), ib = index_of (self, r->b);
      g_autoptr(GArray) route = NULL;
      gint64 key = pair_key (ia, ib), *stored;
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (drawn, &key));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_pair, &key));
      Part *part;

      stored = g_new (gint64, 1);
      *stored = key;
      g_hash_table_insert (drawn, stored, GUINT_TO_POINTER (k + 1));

      route = emotional_route (self, person_at_index (self, ia), person_at_index (self, ib), k, n);
      switch (r->kind)
        {
        case CG_RELATIONSHIP_CLOSE:
          add_lines (self, CG_GENOGRAM_CLOSE_LINE, SHAPE_POLYLINE, polyline_offset (route, 2.2),
                     STROKE_SOLID, CLOSE_INK);
          add_lines (self, CG_GENOGRAM_CLOSE_LINE, SHAPE_POLYLINE, polyline_offset (route, -2.2),
                     STROKE_SOLID, CLOSE_INK);
          self->features |= F_CLOSE;
          break;
        case CG_RELATIONSHIP_CONFLICT:
          add_lines (self, CG_GENOGRAM_CONFLICT_LINE, SHAPE_POLYLINE,
                     polyline_zigzag (route, 3.5, 7, 6, 6), STROKE_SOLID, CONFLICT_INK);
          self->features |= F_CONFLICT;
          break;
        case CG_RELATIONSHIP_CUTOFF:
          draw_cutoff (self, route);
          self->features |= F_CUTOFF;
          break;
        case CG_RELATIONSHIP_ABUSE:
        default:
          part = add_lines (self, CG_GENOGRAM_ABUSE_LINE, SHAPE_POLYLINE,
                            polyline_zigzag (route, 3.5, 7, 6, 14), STROKE_SOLID, ABUSE_INK);
          part->line_width = 1.6;
          draw_arrow (self, route, ABUSE_INK);
          self->features |= F_ABUSE;
          break;
        }
    }
}

/* ------------------------------------------------------------ households */

typedef struct
{
  double y0, y1, x0, x1;
} Band;

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const Band *x = a, *y = b;

  return x->y0 < y->y0 ? -1 : x->y0 > y->y0;
}

/* A dotted outline round the members, one band per generation, stepped where
 * the generations differ in width. */
static void
draw_household (CgGenogram *self,
                GArray     *members,
                const char *name,
                guint       index)
{
  g_autoptr(GArray) bands = g_array_new (FALSE, FALSE, sizeof (Band));
  double pad = 5 + 4 * (index % 3);
  GArray *points;
  Part *part;

  for (guint i = 0; i < members->len; i++)
    {
      Person *p = person_at_index (self, g_array_index (members, int, i));
      Band *band = NULL;

      for (guint k = 0; k < bands->len; k++)
        if (fabs (g_array_index (bands, Band, k).y0 - (p->top - pad)) < 1)
          band = &g_array_index (bands, Band, k);
      if (band == NULL)
        {
          Band b = { p->top - pad, p->bottom + pad, p->cx - p->width / 2 - pad,
                     p->cx + p->width / 2 + pad };
          g_array_append_val (bands, b);
        }
      else
        {
          band->x0 = MIN (band->x0, p->cx - p->width / 2 - pad);
          band->x1 = MAX (band->x1, p->cx + p->width / 2 + pad);
        }
    }
  g_array_sort (bands, compare_bands);

  points = points_new ();
  for (guint k = 0; k < bands->len; k++)
    {
      Band *band = &g_array_index (bands, Band, k);
      double top = k == 0 ? band->y0 : (g_array_index (bands, Band, k - 1).y1 + band->y0) / 2;
      double bottom = k + 1 == bands->len ? band->y1 :
                      (band->y1 + g_array_index (bands, Band, k + 1).y0) / 2;

      points_add (points, band->x1, top);
      points_add (points, band->x1, bottom);
    }
  for (guint k = bands->len; k > 0; k--)
    {
      Band *band = &g_array_index (bands, Band, k - 1);
      double top = k == 1 ? band->y0 : (g_array_index (bands, Band, k - 2).y1 + band->y0) / 2;
      double bottom = k == bands->len ? band->y1 :
                      (band->y1 + g_array_index (bands, Band, k).y0) / 2;

      points_add (points, band->x0, bottom);
      points_add (points, band->x0, top);
    }
  part = add_lines (self, CG_GENOGRAM_HOUSEHOLD, SHAPE_POLYGON, points, STROKE_DOTTED,
                    HOUSEHOLD_INK);
  part->line_width = 1.6;
  part = add_text (self, CG_GENOGRAM_HOUSEHOLD_NAME, g_array_index (bands, Band, 0).x0 + 2,
                   g_array_index (bands, Band, 0).y0 - 3, name, 8.5, FALSE, ANCHOR_START);
  part->ink = HOUSEHOLD_INK;
  self->features |= F_HOUSEHOLD;
}

static void
draw_households (CgGenogram *self,
                 CgFamily   *family)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < family->households->len; i++)
    {
      CgHouseholdMember *m = g_ptr_array_index (family->households, i);

      if (!g_ptr_array_find_with_equal_func (names, m->household, g_str_equal, NULL))
        g_ptr_array_add (names, m->household);
    }
  for (guint h = 0; h < names->len; h++)
    {
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (int));
      g_autofree char *label = NULL;

      for (guint i = 0; i < family->households->len; i++)
        {
          CgHouseholdMember *m = g_ptr_array_index (family->households, i);
          int p = index_of (self, m->person);

          /* Only those living there at the date: born, not dead, moved in, not out. */
          if (p < 0 || !g_str_equal (m->household, g_ptr_array_index (names, h)) ||
              !in_effect (m->from, m->to, self->as_at) || person_at_index (self, p)->unborn ||
              person_at_index (self, p)->deceased)
            continue;
          for (guint k = 0; k < members->len && p >= 0; k++)
            if (g_array_index (members, int, k) == p)
              p = -1;
          if (p >= 0)
            g_array_append_val (members, p);
        }
      if (members->len == 0)
        continue;
      label = self->options.anonymise ? g_strdup_printf (_("Household %u"), h + 1)
                                      : clean_text (g_ptr_array_index (names, h));
      draw_household (self, members, label, h);
    }
}

/* ------------------------------------------------------------ symbols */

static void
symbol_shape (CgGenogram *self,
              Part       *part,
              CgSex       sex,
              double      cx,
              double      cy,
              double      r)
{
  switch (sex)
    {
    case CG_SEX_MALE:
      part->shape = SHAPE_RECT;
      part->x = cx - r;
      part->y = cy - r;
      part->w = part->h = 2 * r;
      break;
    case CG_SEX_FEMALE:
      part->shape = SHAPE_ELLIPSE;
      part->x = cx - r;
      part->y = cy - r;
      part->w = part->h = 2 * r;
      break;
    case CG_SEX_UNKNOWN:
    default:
      part->shape = SHAPE_POLYGON;
      part->points = points_new ();
      r *= 1.2;
      points_add (part->points, cx, cy - r);
      points_add (part->points, cx + r, cy);
      points_add (part->points, cx, cy + r);
      points_add (part->points, cx - r, cy);
      break;
    }
}

static CgGenogramPart
sex_part (CgSex sex)
{
  return sex == CG_SEX_MALE ? CG_GENOGRAM_MALE :
         sex == CG_SEX_FEMALE ? CG_GENOGRAM_FEMALE : CG_GENOGRAM_SEX_UNKNOWN;
}

static void
draw_symbol (CgGenogram *self,
             CgSex       sex,
             gboolean    subject,
             gboolean    deceased,
             gboolean    unborn,
             double      cx,
             double      cy,
             double      r,
             int         person,
             gboolean    legend)
{
  Part *part;

  if (subject)
    {
      part = add_part (self, legend ? CG_GENOGRAM_LEGEND : CG_GENOGRAM_SUBJECT_OUTLINE, SHAPE_RECT);
      symbol_shape (self, part, sex, cx, cy, r + SUBJECT_GAP * r / RADIUS);
      part->variant = legend ? "subject-outline" : NULL;
      part->filled = TRUE;
      part->line_width = SYMBOL_WIDTH;
      part->person = person;
      part->legend = legend;
      if (unborn)
        {
          part->stroke = STROKE_DASHED;
          part->ink = GREY;
        }
    }
  part = add_part (self, legend ? CG_GENOGRAM_LEGEND : sex_part (sex), SHAPE_RECT);
  symbol_shape (self, part, sex, cx, cy, r);
  part->variant = legend ? "symbol" : NULL;
  part->filled = TRUE;
  part->line_width = SYMBOL_WIDTH;
  part->person = person;
  part->legend = legend;
  if (unborn)
    {
      part->stroke = STROKE_DASHED;
      part->ink = GREY;
    }
  if (deceased)
    {
      double d = sex == CG_SEX_MALE ? r + 3 : r * 0.78 + 3;

      part = add_part (self, legend ? CG_GENOGRAM_LEGEND : CG_GENOGRAM_DECEASED_CROSS,
                       SHAPE_SEGMENTS);
      part->points = points_new ();
      points_add (part->points, cx - d, cy - d);
      points_add (part->points, cx + d, cy + d);
      points_add (part->points, cx + d, cy - d);
      points_add (part->points, cx - d, cy + d);
      part->line_width = 1.6;
      part->person = person;
      part->legend = legend;
    }
}

static void
draw_people (CgGenogram *self)
{
  for (guint i = 0; i < self->people->len; i++)
    {
      Person *p = person_at_index (self, i);
      double below = p->cy + RADIUS + LABEL_GAP + (p->subject ? SUBJECT_GAP : 0);
      Part *part;

      draw_symbol (self, p->sex, p->subject, p->deceased, p->unborn, p->cx, p->cy, RADIUS, i,
                   FALSE);
      self->features |= p->sex == CG_SEX_MALE ? F_MALE : p->sex == CG_SEX_FEMALE ? F_FEMALE
                                                                               : F_UNKNOWN;
      self->features |= (p->subject ? F_SUBJECT : 0) | (p->deceased ? F_DECEASED : 0) |
                        (p->unborn ? F_UNBORN : 0);
      if (p->subject)
        self->subject_sex = p->sex;
      if (p->age)
        {
          part = add_text (self, CG_GENOGRAM_AGE, p->cx, p->cy + AGE_SIZE * 0.36, p->age,
                           AGE_SIZE, FALSE, ANCHOR_MIDDLE);
          part->person = i;
        }
      if (p->born_text)
        {
          part = add_text (self, CG_GENOGRAM_YEARS, p->cx - 3, p->cy - RADIUS - 4, p->born_text,
                           YEARS_SIZE, FALSE, ANCHOR_END);
          part->person = i;
        }
      if (p->died_text)
        {
          part = add_text (self, CG_GENOGRAM_YEARS, p->cx + 3, p->cy - RADIUS - 4, p->died_text,
                           YEARS_SIZE, FALSE, ANCHOR_START);
          part->person = i;
        }
      part = add_text (self, CG_GENOGRAM_LABEL, p->cx, below + LABEL_SIZE, p->label, LABEL_SIZE,
                       TRUE, ANCHOR_MIDDLE);
      part->person = i;
      if (p->name)
        {
          part = add_text (self, CG_GENOGRAM_NAME, p->cx, below + LABEL_HEIGHT + NAME_SIZE,
                           p->name, NAME_SIZE, FALSE, ANCHOR_MIDDLE);
          part->person = i;
        }
    }
}

/* ------------------------------------------------------------ the key */

#define KEY_ROW     20.0
#define KEY_SAMPLE  40.0
#define KEY_SIZE    9.5

typedef struct
{
  CgGenogram *self;
  double      x, y;       /* top left of the next row */
  double      width;
} Key;

static Part *
key_line (Key     *key,
          double   x0,
          double   y0,
          double   x1,
          double   y1,
          Stroke   stroke,
          guint32  ink)
{
  Part *part = add_segment (key->self, CG_GENOGRAM_LEGEND, x0, y0, x1, y1, stroke, ink);

  part->legend = TRUE;
  part->line_width = 1.6;
  return part;
}

static void
key_text (Key        *key,
          const char *text)
{
  Part *part = add_text (key->self, CG_GENOGRAM_LEGEND, key->x + KEY_SAMPLE + 10,
                         key->y + KEY_ROW / 2 + KEY_SIZE * 0.36, text, KEY_SIZE, FALSE,
                         ANCHOR_START);

  part->legend = TRUE;
  key->width = MAX (key->width, KEY_SAMPLE + 10 + text_width (text, KEY_SIZE, FALSE) + 8);
  key->y += KEY_ROW;
}

static void
key_symbol (Key        *key,
            CgSex       sex,
            gboolean    subject,
            gboolean    deceased,
            gboolean    unborn,
            const char *text)
{
  draw_symbol (key->self, sex, subject, deceased, unborn, key->x + KEY_SAMPLE / 2,
               key->y + KEY_ROW / 2, 6.5, -1, TRUE);
  key_text (key, text);
}

static void
key_couple (Key        *key,
            Stroke      stroke,
            guint       slashes,
            guint32     ink,
            const char *text)
{
  double y = key->y + KEY_ROW / 2;

  key_line (key, key->x + 2, y, key->x + KEY_SAMPLE - 2, y, stroke, ink);
  for (guint k = 0; k < slashes; k++)
    {
      double dx = slashes == 1 ? 0 : (k == 0 ? -3 : 3);
      double x = key->x + KEY_SAMPLE / 2 + dx;

      key_line (key, x - 3, y + 5.5, x + 3, y - 5.5, STROKE_SOLID, INK);
    }
  key_text (key, text);
}

static void
key_child (Key        *key,
           Stroke      stroke,
           const char *text)
{
  double x = key->x + KEY_SAMPLE / 2;

  key_line (key, x, key->y + 2, x, key->y + KEY_ROW - 2, stroke, INK);
  key_text (key, text);
}

static void
key_emotional (Key           *key,
               CgGenogramPart kind,
               const char    *text)
{
  CgGenogram *self = key->self;
  g_autoptr(GArray) route = points_new ();
  double y = key->y + KEY_ROW / 2;
  guint first = self->parts->len;

  points_add (route, key->x + 2, y);
  points_add (route, key->x + KEY_SAMPLE - 2, y);
  switch (kind)
    {
    case CG_GENOGRAM_CLOSE_LINE:
      add_lines (self, kind, SHAPE_POLYLINE, polyline_offset (route, 2.2), STROKE_SOLID,
                 CLOSE_INK);
      add_lines (self, kind, SHAPE_POLYLINE, polyline_offset (route, -2.2), STROKE_SOLID,
                 CLOSE_INK);
      break;
    case CG_GENOGRAM_CONFLICT_LINE:
      add_lines (self, kind, SHAPE_POLYLINE, polyline_zigzag (route, 3, 6, 3, 3), STROKE_SOLID,
                 CONFLICT_INK);
      break;
    case CG_GENOGRAM_CUTOFF_LINE:
      draw_cutoff (self, route);
      break;
    case CG_GENOGRAM_ABUSE_LINE:
    default:
      add_lines (self, kind, SHAPE_POLYLINE, polyline_zigzag (route, 3, 6, 3, 10), STROKE_SOLID,
                 ABUSE_INK);
      draw_arrow (self, route, ABUSE_INK);
      break;
    }
  for (guint i = first; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      part->part = CG_GENOGRAM_LEGEND;
      part->legend = TRUE;
    }
  key_text (key, text);
}

static void
draw_key (CgGenogram *self,
          double      x,
          double      y)
{
  Key key = { self, x + 10, y + 26, 0 };
  guint frame_index, f = self->features;
  g_autofree char *household = NULL;
  GArray *frame;
  Part *part;

  /* The frame is painted first; its size is known at the end. */
  frame_index = self->parts->len;
  part = add_lines (self, CG_GENOGRAM_LEGEND, SHAPE_POLYGON, points_new (), STROKE_SOLID, GREY);
  part->legend = TRUE;
  part->filled = TRUE;
  part->line_width = 1;

  part = add_text (self, CG_GENOGRAM_LEGEND, key.x, y + 17, _("Key"), 11, TRUE, ANCHOR_START);
  part->legend = TRUE;
  if (f & F_MALE)
    key_symbol (&key, CG_SEX_MALE, FALSE, FALSE, FALSE, _("Male"));
  if (f & F_FEMALE)
    key_symbol (&key, CG_SEX_FEMALE, FALSE, FALSE, FALSE, _("Female"));
  if (f & F_UNKNOWN)
    key_symbol (&key, CG_SEX_UNKNOWN, FALSE, FALSE, FALSE, _("Sex not known"));
  if (f & F_SUBJECT)
    key_symbol (&key, self->subject_sex, TRUE, FALSE, FALSE, _("Subject child (double outline)"));
  if (f & F_DECEASED)
    key_symbol (&key, CG_SEX_MALE, FALSE, TRUE, FALSE, _("Died (age at death inside)"));
  if (f & F_UNBORN)
    key_symbol (&key, CG_SEX_UNKNOWN, FALSE, FALSE, TRUE, _("Not yet born at this date"));
  if (f & F_MARRIED)
    key_couple (&key, STROKE_SOLID, 0, INK, _("Married"));
  if (f & F_PARTNERS)
    key_couple (&key, STROKE_DASHED, 0, INK, _("Cohabiting or partners"));
  if (f & F_SEPARATED)
    key_couple (&key, STROKE_DASHED, 1, INK, _("Separated (one slash)"));
  if (f & F_DIVORCED)
    key_couple (&key, STROKE_SOLID, 2, INK, _("Divorced (two slashes)"));
  if (f & F_NOT_YET)
    key_couple (&key, STROKE_DOTTED, 0, GREY, _("Relationship not begun at this date"));
  if (f & F_UNRECORDED)
    key_couple (&key, STROKE_SOLID, 0, GREY, _("Parents, relationship not recorded"));
  if (f & F_CHILD)
    key_child (&key, STROKE_SOLID, _("Child, oldest on the left"));
  if (f & F_ADOPTED)
    key_child (&key, STROKE_DASHED, _("Adopted child"));
  if (f & F_FOSTER)
    key_child (&key, STROKE_DOTTED, _("Foster child"));
  if (f & F_CLOSE)
    key_emotional (&key, CG_GENOGRAM_CLOSE_LINE, _("Close"));
  if (f & F_CONFLICT)
    key_emotional (&key, CG_GENOGRAM_CONFLICT_LINE, _("Conflict"));
  if (f & F_CUTOFF)
    key_emotional (&key, CG_GENOGRAM_CUTOFF_LINE, _("Cut off"));
  if (f & F_ABUSE)
    key_emotional (&key, CG_GENOGRAM_ABUSE_LINE, _("Abuse (arrow to the person harmed)"));
  if (f & F_HOUSEHOLD)
    {
      GArray *points = points_new ();

      points_add (points, key.x + 4, key.y + 3);
      points_add (points, key.x + KEY_SAMPLE - 4, key.y + 3);
      points_add (points, key.x + KEY_SAMPLE - 4, key.y + KEY_ROW - 3);
      points_add (points, key.x + 4, key.y + KEY_ROW - 3);
      part = add_lines (self, CG_GENOGRAM_LEGEND, SHAPE_POLYGON, points, STROKE_DOTTED,
                        HOUSEHOLD_INK);
      part->legend = TRUE;
      part->line_width = 1.6;
      household = g_strdup (_("A household at this date"));
      key_text (&key, household);
    }

  frame = g_array_index (self->parts, Part, frame_index).points;
  key.width = MAX (key.width, 80) + 10;
  points_add (frame, x, y);
  points_add (frame, x + key.width + 10, y);
  points_add (frame, x + key.width + 10, key.y + 8);
  points_add (frame, x, key.y + 8);
  self->width = MAX (self->width, x + key.width + 10 + MARGIN);
  self->height = MAX (self->height, key.y + 8 + MARGIN);
}

/* ------------------------------------------------------------ layout */

CgGenogram *
cg_genogram_layout (CgFamily                 *family,
                    guint32                   as_at,
                    const CgGenogramOptions  *options,
                    GError                  **error)
{
  g_autoptr(CgGenogram) self = g_atomic_rc_box_new0 (CgGenogram);
  g_autofree char *caption = NULL;
  double graph_width = 0, graph_height = 0;

  g_return_val_if_fail (family != NULL, NULL);

  self->as_at = as_at != 0 ? as_at : today ();
  if (options != NULL)
    self->options = *options;
  self->date_text = self->options.date_text != NULL ? g_strdup (self->options.date_text)
                                                    : format_day (self->as_at);
  self->options.date_text = NULL;   /* the caller's; the copy above is ours */
  self->people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_clear_func (self->people, (GDestroyNotify)person_clear);
  self->unions = g_ptr_array_new_with_free_func ((GDestroyNotify)union_free);
  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, (GDestroyNotify)part_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);

  collect_people (self, family);
  build_unions (self, family);

  caption = g_strdup_printf (_("Genogram as at %s"), self->date_text);
  add_text (self, CG_GENOGRAM_CAPTION, MARGIN, MARGIN + CAPTION_SIZE, caption, CAPTION_SIZE,
            TRUE, ANCHOR_START);

  if (self->people->len == 0)
    {
      add_text (self, CG_GENOGRAM_CAPTION, MARGIN, MARGIN + CAPTION_SPACE + 12,
                _("No people have been added to this review yet."), 11, FALSE, ANCHOR_START);
      self->width = MARGIN * 2 + 320;
      self->height = MARGIN * 2 + CAPTION_SPACE + 30;
      return g_steal_pointer (&self);
    }

  if (!run_layout (self, &graph_width, &graph_height, error))
    return NULL;
  self->width = graph_width + 2 * MARGIN;
  self->height = graph_height + 2 * MARGIN + CAPTION_SPACE;
  self->width = MAX (self->width, MARGIN * 2 + text_width (caption, CAPTION_SIZE, TRUE));

  /* Painted back to front. */
  draw_households (self, family);
  draw_families (self);
  draw_emotional_lines (self, family);
  draw_people (self);
  if (!self->options.hide_legend)
    draw_key (self, self->width, MARGIN + CAPTION_SPACE);
  return g_steal_pointer (&self);
}

guint32
cg_genogram_get_date (CgGenogram *self)
{
  return self->as_at;
}

void
cg_genogram_get_size (CgGenogram *self,
                      double     *width,
                      double     *height)
{
  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}

const char *
cg_genogram_person_at (CgGenogram *self,
                       double      x,
                       double      y)
{
  for (guint i = 0; self->people && i < self->people->len; i++)
    {
      Person *p = person_at_index (self, i);

      if (x >= p->cx - p->width / 2 && x <= p->cx + p->width / 2 && y >= p->top && y <= p->bottom)
        return p->key;
    }
  return NULL;
}

gboolean
cg_genogram_get_person_area (CgGenogram *self,
                             const char *key,
                             double     *x,
                             double     *y,
                             double     *width,
                             double     *height)
{
  int i = index_of (self, key);
  Person *p;

  if (i < 0)
    return FALSE;
  p = person_at_index (self, i);
  if (x)
    *x = p->cx - p->width / 2;
  if (y)
    *y = p->top;
  if (width)
    *width = p->width;
  if (height)
    *height = p->bottom - p->top;
  return TRUE;
}

gboolean
cg_genogram_get_symbol (CgGenogram *self,
                        const char *key,
                        double     *cx,
                        double     *cy,
                        double     *radius)
{
  int i = index_of (self, key);

  if (i < 0)
    return FALSE;
  if (cx)
    *cx = person_at_index (self, i)->cx;
  if (cy)
    *cy = person_at_index (self, i)->cy;
  if (radius)
    *radius = RADIUS;
  return TRUE;
}

guint
cg_genogram_count (CgGenogram     *self,
                   CgGenogramPart  what)
{
  guint n = 0;

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);

      if (part->part == what && !part->legend)
        n++;
    }
  return n;
}

/* ------------------------------------------------------------ cairo */

static void
set_ink (cairo_t *cr,
         guint32  ink)
{
  cairo_set_source_rgb (cr, ((ink >> 16) & 0xff) / 255.0, ((ink >> 8) & 0xff) / 255.0,
                        (ink & 0xff) / 255.0);
}

static void
set_stroke (cairo_t *cr,
            Part    *part)
{
  static const double dashed[] = { 6, 4 };
  static const double dotted[] = { 0.1, 3.5 };

  cairo_set_line_width (cr, part->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  switch (part->stroke)
    {
    case STROKE_DASHED:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashed, 2, 0);
      break;
    case STROKE_DOTTED:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dotted, 2, 0);
      break;
    case STROKE_SOLID:
    default:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

static void
paint_text (cairo_t *cr,
            Part    *part)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  PangoRectangle logical;
  double x = part->x;

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_weight (font, part->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, part->font_size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, part->text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  if (part->anchor == ANCHOR_MIDDLE)
    x -= logical.width / (2.0 * PANGO_SCALE);
  else if (part->anchor == ANCHOR_END)
    x -= logical.width / (double)PANGO_SCALE;
  cairo_move_to (cr, x, part->y - pango_layout_get_baseline (layout) / (double)PANGO_SCALE);
  if (part->halo)
    {
      cairo_save (cr);
      pango_cairo_layout_path (cr, layout);
      set_ink (cr, PAPER);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_move_to (cr, x, part->y - pango_layout_get_baseline (layout) / (double)PANGO_SCALE);
    }
  set_ink (cr, part->ink);
  pango_cairo_show_layout (cr, layout);
}

static void
paint_part (cairo_t *cr,
            Part    *part)
{
  if (part->shape == SHAPE_TEXT)
    {
      paint_text (cr, part);
      return;
    }
  cairo_new_path (cr);
  switch (part->shape)
    {
    case SHAPE_RECT:
      cairo_rectangle (cr, part->x, part->y, part->w, part->h);
      break;
    case SHAPE_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, part->x + part->w / 2, part->y + part->h / 2);
      cairo_scale (cr, part->w / 2, part->h / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case SHAPE_SEGMENTS:
      for (guint i = 0; i + 1 < part->points->len; i += 2)
        {
          Point *a = &g_array_index (part->points, Point, i);
          Point *b = &g_array_index (part->points, Point, i + 1);

          cairo_move_to (cr, a->x, a->y);
          cairo_line_to (cr, b->x, b->y);
        }
      break;
    case SHAPE_POLYGON:
    case SHAPE_POLYLINE:
    default:
      for (guint i = 0; i < part->points->len; i++)
        {
          Point *p = &g_array_index (part->points, Point, i);

          if (i == 0)
            cairo_move_to (cr, p->x, p->y);
          else
            cairo_line_to (cr, p->x, p->y);
        }
      if (part->shape == SHAPE_POLYGON)
        cairo_close_path (cr);
      break;
    }
  if (part->filled)
    {
      set_ink (cr, part->fill);
      cairo_fill_preserve (cr);
    }
  set_ink (cr, part->ink);
  set_stroke (cr, part);
  cairo_stroke (cr);
}

void
cg_genogram_draw (CgGenogram *self,
                  cairo_t    *cr,
                  double      scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  for (guint i = 0; i < self->parts->len; i++)
    paint_part (cr, &g_array_index (self->parts, Part, i));
  cairo_restore (cr);
}

/* ------------------------------------------------------------ SVG */

static void
append_number (GString *svg,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  /* 12.50 -> 12.5, 3.00 -> 3 */
  end = buffer + strlen (buffer) - 1;
  while (end > buffer && *end == '0')
    *end-- = '\0';
  if (end > buffer && *end == '.')
    *end = '\0';
  if (g_str_equal (buffer, "-0"))
    strcpy (buffer, "0");
  g_string_append (svg, buffer);
}

static void
append_attr_number (GString    *svg,
                    const char *name,
                    double      value)
{
  g_string_append_printf (svg, " %s=\"", name);
  append_number (svg, value);
  g_string_append_c (svg, '"');
}

static void
append_escaped (GString    *svg,
                const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '&':
        g_string_append (svg, "&amp;");
        break;
      case '<':
        g_string_append (svg, "&lt;");
        break;
      case '>':
        g_string_append (svg, "&gt;");
        break;
      case '"':
        g_string_append (svg, "&quot;");
        break;
      case '\'':
        g_string_append (svg, "&apos;");
        break;
      default:
        /* Control characters are not allowed in XML 1.0. */
        if ((guchar)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
          g_string_append_c (svg, ' ');
        else
          g_string_append_c (svg, *p);
        break;
      }
}

static void
append_colour (GString    *svg,
               const char *name,
               guint32     colour)
{
  g_string_append_printf (svg, " %s=\"#%06x\"", name, colour & 0xffffff);
}

static void
append_class (GString *svg,
              Part    *part)
{
  g_string_append (svg, " class=\"");
  g_string_append (svg, part->legend ? "legend" : part_classes[part->part]);
  if (part->variant)
    {
      g_string_append_c (svg, ' ');
      g_string_append (svg, part->variant);
    }
  g_string_append_c (svg, '"');
}

static void
append_points (GString *svg,
               GArray  *points)
{
  g_string_append (svg, " points=\"");
  for (guint i = 0; i < points->len; i++)
    {
      Point *p = &g_array_index (points, Point, i);

      if (i > 0)
        g_string_append_c (svg, ' ');
      append_number (svg, p->x);
      g_string_append_c (svg, ',');
      append_number (svg, p->y);
    }
  g_string_append_c (svg, '"');
}

static void
append_stroke (GString *svg,
               Part    *part)
{
  append_colour (svg, "stroke", part->ink);
  append_attr_number (svg, "stroke-width", part->line_width);
  if (part->stroke == STROKE_DASHED)
    g_string_append (svg, " stroke-dasharray=\"6 4\"");
  else if (part->stroke == STROKE_DOTTED)
    g_string_append (svg, " stroke-dasharray=\"0.1 3.5\" stroke-linecap=\"round\"");
  if (part->filled)
    append_colour (svg, "fill", part->fill);
  else
    g_string_append (svg, " fill=\"none\"");
}

static void
write_part (GString *svg,
            Part    *part)
{
  switch (part->shape)
    {
    case SHAPE_TEXT:
      g_string_append (svg, "<text");
      append_class (svg, part);
      append_attr_number (svg, "x", part->x);
      append_attr_number (svg, "y", part->y);
      append_attr_number (svg, "font-size", part->font_size);
      if (part->bold)
        g_string_append (svg, " font-weight=\"bold\"");
      if (part->anchor != ANCHOR_START)
        g_string_append_printf (svg, " text-anchor=\"%s\"",
                                part->anchor == ANCHOR_MIDDLE ? "middle" : "end");
      append_colour (svg, "fill", part->ink);
      if (part->halo)
        g_string_append (svg, " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" "
                              "paint-order=\"stroke\"");
      g_string_append_c (svg, '>');
      append_escaped (svg, part->text);
      g_string_append (svg, "</text>\n");
      return;
    case SHAPE_RECT:
      g_string_append (svg, "<rect");
      append_class (svg, part);
      append_attr_number (svg, "x", part->x);
      append_attr_number (svg, "y", part->y);
      append_attr_number (svg, "width", part->w);
      append_attr_number (svg, "height", part->h);
      break;
    case SHAPE_ELLIPSE:
      g_string_append (svg, "<ellipse");
      append_class (svg, part);
      append_attr_number (svg, "cx", part->x + part->w / 2);
      append_attr_number (svg, "cy", part->y + part->h / 2);
      append_attr_number (svg, "rx", part->w / 2);
      append_attr_number (svg, "ry", part->h / 2);
      break;
    case SHAPE_SEGMENTS:
      g_string_append (svg, "<path");
      append_class (svg, part);
      g_string_append (svg, " d=\"");
      for (guint i = 0; i + 1 < part->points->len; i += 2)
        {
          Point *a = &g_array_index (part->points, Point, i);
          Point *b = &g_array_index (part->points, Point, i + 1);

          g_string_append (svg, i ? " M" : "M");
          append_number (svg, a->x);
          g_string_append_c (svg, ' ');
          append_number (svg, a->y);
          g_string_append (svg, " L");
          append_number (svg, b->x);
          g_string_append_c (svg, ' ');
          append_number (svg, b->y);
        }
      g_string_append_c (svg, '"');
      break;
    case SHAPE_POLYGON:
    case SHAPE_POLYLINE:
    default:
      g_string_append (svg, part->shape == SHAPE_POLYGON ? "<polygon" : "<polyline");
      append_class (svg, part);
      append_points (svg, part->points);
      break;
    }
  append_stroke (svg, part);
  g_string_append (svg, "/>\n");
}

GBytes *
cg_genogram_to_svg (CgGenogram *self)
{
  GString *svg = g_string_sized_new (64 * 1024);
  int group = -1;

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (svg, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
  g_string_append (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  append_attr_number (svg, "width", self->width);
  append_attr_number (svg, "height", self->height);
  g_string_append (svg, " viewBox=\"0 0 ");
  append_number (svg, self->width);
  g_string_append_c (svg, ' ');
  append_number (svg, self->height);
  g_string_append (svg, "\" font-family=\"" SVG_FONTS "\">\n<title>");
  {
    g_autofree char *title = g_strdup_printf (_("Genogram as at %s"), self->date_text);
    append_escaped (svg, title);
  }
  g_string_append (svg, "</title>\n");
  g_string_append (svg, "<rect class=\"background\" x=\"0\" y=\"0\" width=\"100%\" "
                        "height=\"100%\" fill=\"#ffffff\"/>\n");

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = &g_array_index (self->parts, Part, i);
      int person = part->legend ? -1 : part->person;

      /* Each person's symbol and labels form one group. */
      if (person != group)
        {
          if (group >= 0)
            g_string_append (svg, "</g>\n");
          group = person;
          if (group >= 0)
            {
              g_string_append_printf (svg, "<g class=\"person-group\" id=\"person-%d\"", group + 1);
              if (!self->options.anonymise)
                {
                  g_string_append (svg, " data-person=\"");
                  append_escaped (svg, person_at_index (self, group)->key);
                  g_string_append_c (svg, '"');
                }
              g_string_append (svg, ">\n");
            }
        }
      write_part (svg, part);
    }
  if (group >= 0)
    g_string_append (svg, "</g>\n");
  g_string_append (svg, "</svg>\n");
  return g_string_free_to_bytes (svg);
}

/* ------------------------------------------------------------ files */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_png (CgGenogram  *self,
            GError     **error)
{
  double scale = 2.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  scale = MIN (scale, MAX_PNG_SIDE / MAX (self->width, self->height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)ceil (self->width * scale),
                                        (int)ceil (self->height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cg_genogram_draw (self, cr, scale);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_to_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("The picture could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GBytes *
render_pdf (CgGenogram  *self,
            GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, self->width,
                                                 self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Genogram"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronogram");
  cr = cairo_create (surface);
  cg_genogram_draw (self, cr, 1.0);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
cg_genogram_write (CgGenogram  *self,
                   const char  *format,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_strcmp0 (format, "svg") == 0)
    bytes = cg_genogram_to_svg (self);
  else if (g_strcmp0 (format, "png") == 0)
    bytes = render_png (self, error);
  else if (g_strcmp0 (format, "pdf") == 0)
    bytes = render_pdf (self, error);
  else
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("“%s” is not a picture format Chronogram writes; use svg, pdf or png"),
                   format ? format : "");
      return FALSE;
    }
  if (bytes == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      name = g_path_get_basename (path);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: cannot be written: %s"), name,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
