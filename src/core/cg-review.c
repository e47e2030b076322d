/* cg-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-errors.h"
#include "cg-review.h"

CgReview *
cg_review_new (const char *title)
{
  CgReview *review = g_new0 (CgReview, 1);

  review->title = g_strdup (title ? title : "");
  review->retrospective_days = CG_DEFAULT_RETROSPECTIVE_DAYS;
  review->silence_days = CG_DEFAULT_SILENCE_DAYS;
  return review;
}

CgReview *
cg_review_copy (const CgReview *review)
{
  CgReview *copy;

  g_return_val_if_fail (review != NULL, NULL);

  copy = g_memdup2 (review, sizeof *review);
  copy->title = g_strdup (review->title);
  copy->subject = g_strdup (review->subject);
  return copy;
}

void
cg_review_free (CgReview *review)
{
  if (review == NULL)
    return;
  g_free (review->title);
  g_free (review->subject);
  g_free (review);
}

/* "2020-06-01..2022-01-31"; either side may be empty for an open end. */
gboolean
cg_review_parse_scope (const char  *text,
                       guint32     *from,
                       guint32     *to,
                       GError     **error)
{
  const char *dots;
  g_autofree char *left = NULL;
  const char *right;

  g_return_val_if_fail (text != NULL, FALSE);

  dots = strstr (text, "..");
  if (dots == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("The scope “%s” is not two dates joined by “..”, such as 2020-06-01..2022-01-31"),
                   text);
      return FALSE;
    }
  left = g_strndup (text, dots - text);
  right = dots + 2;
  *from = *left ? cg_date_from_iso (left) : 0;
  *to = *right ? cg_date_from_iso (right) : 0;
  if ((*left && *from == 0) || (*right && *to == 0))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("The scope “%s” has a date that is not a real ISO date (YYYY-MM-DD)"), text);
      return FALSE;
    }
  if (*from && *to && *to < *from)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("The scope “%s” ends before it starts"), text);
      return FALSE;
    }
  return TRUE;
}
