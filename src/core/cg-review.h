/* cg-review.h: the review a case file is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_DEFAULT_RETROSPECTIVE_DAYS 2
#define CG_DEFAULT_SILENCE_DAYS       0   /* 0: the author has not asked for silences */

typedef struct
{
  char    *title;
  char    *subject;             /* the subject child's label, e.g. "Child A" */
  guint32  scope_from;          /* Julian days, 0 when open */
  guint32  scope_to;
  guint32  incident;            /* the critical incident, 0 when not set */
  int      retrospective_days;  /* written more than this many days later: retrospective */
  int      silence_days;        /* flag an agency silent for longer; 0: off */
  gboolean final;               /* the author marked the chronology final (no DRAFT) */
} CgReview;

CgReview *cg_review_new   (const char     *title);
CgReview *cg_review_copy  (const CgReview *review);
void      cg_review_free  (CgReview       *review);
gboolean  cg_review_parse_scope (const char  *text,
                                 guint32     *from,
                                 guint32     *to,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgReview, cg_review_free)

G_END_DECLS
