/* cg-genogram.h: the family drawn in genogram notation
 *
 * Graphviz places the people; everything a reader sees (symbols, couple and
 * child lines, slashes, crosses, zig-zags, household boundaries, labels, the
 * key) is a list of drawing parts made from those positions. The same parts
 * are painted with cairo (screen, PNG, PDF) and written as SVG in which every
 * label is a real <text> element.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cg-family.h"
#include "cg-review.h"

G_BEGIN_DECLS

typedef struct _CgGenogram CgGenogram;

typedef struct
{
  /* Role labels only ("Person 3" when a person has none): no names, aliases,
   * birth or death years, person ids or household names anywhere. */
  gboolean anonymise;
  gboolean hide_legend;
  /* The as-at date as the caption shows it, such as an export's coarsened
   * "March 2021"; NULL for the day in full. Copied by the layout. */
  const char *date_text;
} CgGenogramOptions;

/* What a drawing part shows; the SVG class of the part says the same. */
typedef enum
{
  CG_GENOGRAM_MALE,             /* square */
  CG_GENOGRAM_FEMALE,           /* circle */
  CG_GENOGRAM_SEX_UNKNOWN,      /* diamond */
  CG_GENOGRAM_SUBJECT_OUTLINE,  /* the second outline of the subject child */
  CG_GENOGRAM_DECEASED_CROSS,   /* the X through a person who has died */
  CG_GENOGRAM_COUPLE_LINE,
  CG_GENOGRAM_SLASH,            /* one per separation, two per divorce */
  CG_GENOGRAM_DESCENT_LINE,     /* from the couple line down to the children's line */
  CG_GENOGRAM_CHILD_LINE,       /* into each child: solid, dashed adopted, dotted foster */
  CG_GENOGRAM_CLOSE_LINE,       /* drawn double: two parts per relationship */
  CG_GENOGRAM_CONFLICT_LINE,    /* zig-zag */
  CG_GENOGRAM_CUTOFF_LINE,      /* broken: two parts per relationship */
  CG_GENOGRAM_CUTOFF_BAR,       /* two per cut-off */
  CG_GENOGRAM_ABUSE_LINE,       /* zig-zag ... */
  CG_GENOGRAM_ABUSE_ARROW,      /* ... with an arrow to the person harmed */
  CG_GENOGRAM_HOUSEHOLD,        /* dotted boundary of a household at the date */
  CG_GENOGRAM_HOUSEHOLD_NAME,
  CG_GENOGRAM_LABEL,            /* role label */
  CG_GENOGRAM_NAME,
  CG_GENOGRAM_YEARS,            /* "b. 1996", "d. 2019" */
  CG_GENOGRAM_AGE,              /* inside the symbol */
  CG_GENOGRAM_CAPTION,
  CG_GENOGRAM_LEGEND,           /* any part of the key */
  CG_GENOGRAM_N_PARTS
} CgGenogramPart;

/* The critical incident of the review, or today when it has none. */
guint32     cg_genogram_default_date  (const CgReview           *review);

/* Lays the family out as at @as_at (a Julian day; 0 is today). Takes the
 * Graphviz lock: call it from a worker thread. */
CgGenogram *cg_genogram_layout        (CgFamily                 *family,
                                       guint32                   as_at,
                                       const CgGenogramOptions  *options,
                                       GError                  **error);
CgGenogram *cg_genogram_ref           (CgGenogram               *self);
void        cg_genogram_unref         (CgGenogram               *self);

guint32     cg_genogram_get_date      (CgGenogram               *self);
/* In points (1/72 inch) at scale 1. */
void        cg_genogram_get_size      (CgGenogram               *self,
                                       double                   *width,
                                       double                   *height);
/* Paints the genogram at @scale into @cr, whose origin is the top left. */
void        cg_genogram_draw          (CgGenogram               *self,
                                       cairo_t                  *cr,
                                       double                    scale);
GBytes     *cg_genogram_to_svg        (CgGenogram               *self);
/* @format: "svg", "pdf" or "png". Replaces @path atomically, readable by the
 * owner only. */
gboolean    cg_genogram_write         (CgGenogram               *self,
                                       const char               *format,
                                       const char               *path,
                                       GError                  **error);

/* The key of the person drawn at (@x, @y) in points, or NULL. */
const char *cg_genogram_person_at     (CgGenogram               *self,
                                       double                    x,
                                       double                    y);
/* The area of a person's symbol and labels; FALSE for an unknown key. */
gboolean    cg_genogram_get_person_area (CgGenogram             *self,
                                         const char             *key,
                                         double                 *x,
                                         double                 *y,
                                         double                 *width,
                                         double                 *height);
/* The centre and half-size of a person's symbol; FALSE for an unknown key. */
gboolean    cg_genogram_get_symbol    (CgGenogram               *self,
                                       const char               *key,
                                       double                   *cx,
                                       double                   *cy,
                                       double                   *radius);
/* Parts drawn of one kind, the key not included. */
guint       cg_genogram_count         (CgGenogram               *self,
                                       CgGenogramPart            part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgGenogram, cg_genogram_unref)

G_END_DECLS
