/* cg-review-dialog.h: a new review, or the details of the open one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cg-review.h"

G_BEGIN_DECLS

#define CG_TYPE_REVIEW_DIALOG (cg_review_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CgReviewDialog, cg_review_dialog, CG, REVIEW_DIALOG, AdwWindow)

/* With @review NULL the dialog asks for a new review; "accepted" is emitted
 * when the author presses Create or Save with valid details. */
CgReviewDialog *cg_review_dialog_new          (GtkWindow      *parent,
                                               const CgReview *review);
CgReview       *_cg_review_dialog_dup_review  (CgReviewDialog *self);
void            _cg_review_dialog_set_title   (CgReviewDialog *self,
                                               const char     *title);

G_END_DECLS
