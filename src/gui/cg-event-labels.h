/* cg-event-labels.h: how a record's date, time and weight read on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cg-event.h"

G_BEGIN_DECLS

char       *_cg_day_dup_short                   (guint32      day);
char       *_cg_day_dup_numeric                 (guint32      day);
char       *_cg_event_dup_short_date            (CgEvent     *event);
char       *_cg_event_dup_date_tooltip          (CgEvent     *event);
char       *_cg_event_dup_time                  (CgEvent     *event);
const char *_cg_event_get_recording_label       (CgEvent     *event);
char       *_cg_event_dup_recording_description (CgEvent     *event);
const char *_cg_precision_get_label             (CgPrecision  precision);
const char *_cg_child_seen_get_label            (int          child_seen);

G_END_DECLS
