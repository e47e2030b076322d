/* cg-genogram-view.c
 *
 * The genogram on a sheet of paper, drawn by the core with cairo. The view
 * sits directly in a GtkScrolledWindow (it is GtkScrollable), so scrollbars,
 * kinetic scrolling and a plain wheel come for free; Ctrl+wheel, a pinch and
 * the zoom actions scale the picture around the pointer, a drag pans it, and a
 * click on a person emits "person-activated". Only the visible part of the
 * sheet is painted, whatever the zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-genogram-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cg-genogram-view.h"

#define MIN_ZOOM    0.05
#define MAX_ZOOM    4.0
#define MAX_FIT     1.5     /* a small family is not blown up to poster size */
#define ZOOM_STEP   1.25
#define PADDING     24.0    /* around the sheet, in pixels */
#define CLICK_SLOP  4.0     /* a press that moves less than this is a click */

struct _CgGenogramView
{
  GtkWidget      parent_instance;

  /* Owned references */
  CgGenogram    *genogram;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  char          *highlight;

  double         zoom;
  double         zoom_begin;       /* for GtkGestureZoom */
  double         drag_begin_x;     /* adjustment values when a drag began */
  double         drag_begin_y;
  double         pointer_x;        /* anchors Ctrl+wheel zoom */
  double         pointer_y;

  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  guint          fit : 1;
  guint          dragging : 1;
};

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  PERSON_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (CgGenogramView, cg_genogram_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ----------------------------------------------------------------- geometry */

static void
genogram_size (CgGenogramView *self,
               double         *width,
               double         *height)
{
  *width = *height = 0;
  if (self->genogram != NULL)
    cg_genogram_get_size (self->genogram, width, height);
}

static void
content_size (CgGenogramView *self,
              double          zoom,
              double         *width,
              double         *height)
{
  genogram_size (self, width, height);
  *width = ceil (*width * zoom + 2 * PADDING);
  *height = ceil (*height * zoom + 2 * PADDING);
}

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

/* The top left of the sheet in widget coordinates: centred while it is
 * smaller than the view, scrolled otherwise. */
static void
sheet_origin (CgGenogramView *self,
              double         *x,
              double         *y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double content_width, content_height;

  content_size (self, self->zoom, &content_width, &content_height);

  if (content_width <= width)
    *x = floor ((width - content_width) / 2) + PADDING;
  else
    *x = PADDING - round (adjustment_value (self->hadjustment));

  if (content_height <= height)
    *y = floor ((height - content_height) / 2) + PADDING;
  else
    *y = PADDING - round (adjustment_value (self->vadjustment));
}

static double
fit_zoom (CgGenogramView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PADDING;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * PADDING;
  double genogram_width, genogram_height;

  genogram_size (self, &genogram_width, &genogram_height);
  if (genogram_width <= 0 || genogram_height <= 0 || width <= 0 || height <= 0)
    return 1.0;

  return CLAMP (MIN (width / genogram_width, height / genogram_height), MIN_ZOOM, MAX_FIT);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page)
{
  double upper = MAX (content, page);

  if (adjustment == NULL)
    return;

  gtk_adjustment_configure (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page),
                            0, upper, page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (CgGenogramView *self)
{
  double content_width, content_height;

  content_size (self, self->zoom, &content_width, &content_height);
  configure_adjustment (self->hadjustment, content_width, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustment (self->vadjustment, content_height,
                        gtk_widget_get_height (GTK_WIDGET (self)));
}

static void
update_actions (CgGenogramView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-in",
                                 self->genogram != NULL && self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-out",
                                 self->genogram != NULL && self->zoom > MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "genogram.zoom-fit", self->genogram != NULL);
}

static void
set_fit (CgGenogramView *self,
         gboolean        fit)
{
  fit = !!fit;
  if (self->fit == fit)
    return;

  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

/* Zooms keeping the point of the picture under (@anchor_x, @anchor_y) in
 * widget coordinates where it is. */
static void
zoom_around (CgGenogramView *self,
             double          zoom,
             double          anchor_x,
             double          anchor_y)
{
  double origin_x, origin_y, point_x, point_y;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  sheet_origin (self, &origin_x, &origin_y);
  point_x = (anchor_x - origin_x) / self->zoom;
  point_y = (anchor_y - origin_y) / self->zoom;

  self->zoom = zoom;
  configure_adjustments (self);   /* grow "upper" before moving "value" */
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, PADDING + point_x * zoom - anchor_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, PADDING + point_y * zoom - anchor_y);

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_to_fit (CgGenogramView *self)
{
  double zoom = fit_zoom (self);

  if (fabs (zoom - self->zoom) >= 1e-6)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  configure_adjustments (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ----------------------------------------------------------------- drawing */

static void
cg_genogram_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double genogram_width, genogram_height, x, y;
  graphene_rect_t sheet, visible;
  GskRoundedRect outline;
  GdkRGBA paper = { 1, 1, 1, 1 };
  GdkRGBA shadow = { 0, 0, 0, 0.18 };
  GdkRGBA border = { 0, 0, 0, 0.12 };
  cairo_t *cr;

  if (self->genogram == NULL)
    return;

  genogram_size (self, &genogram_width, &genogram_height);
  sheet_origin (self, &x, &y);
  graphene_rect_init (&sheet, x, y, ceil (genogram_width * self->zoom),
                      ceil (genogram_height * self->zoom));
  if (!graphene_rect_intersection (&sheet, &GRAPHENE_RECT_INIT (0, 0, width, height), &visible))
    return;

  /* The sheet: white in any style, as it is printed. */
  gsk_rounded_rect_init_from_rect (&outline, &sheet, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 0, 4);
  gtk_snapshot_append_color (snapshot, &paper, &sheet);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });

  if (self->highlight != NULL)
    {
      double hx, hy, hw, hh;

      if (cg_genogram_get_person_area (self->genogram, self->highlight, &hx, &hy, &hw, &hh))
        {
          GdkRGBA fill = { 0.21, 0.52, 0.89, 0.16 };
          GdkRGBA ring = { 0.21, 0.52, 0.89, 0.9 };
          GskRoundedRect area;
          double pad = 6 * MIN (1.0, self->zoom);

          gsk_rounded_rect_init_from_rect (&area,
                                           &GRAPHENE_RECT_INIT (x + (hx - pad) * self->zoom,
                                                                y + (hy - pad) * self->zoom,
                                                                (hw + 2 * pad) * self->zoom,
                                                                (hh + 2 * pad) * self->zoom),
                                           8);
          gtk_snapshot_push_rounded_clip (snapshot, &area);
          gtk_snapshot_append_color (snapshot, &fill, &area.bounds);
          gtk_snapshot_pop (snapshot);
          gtk_snapshot_append_border (snapshot, &area, (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { ring, ring, ring, ring });
        }
    }

  cr = gtk_snapshot_append_cairo (snapshot, &visible);
  cairo_translate (cr, x, y);
  cg_genogram_draw (self->genogram, cr, self->zoom);
  cairo_destroy (cr);
}

static void
cg_genogram_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (widget);
  double width, height;

  content_size (self, self->zoom, &width, &height);
  *minimum = 1;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? (int)width : (int)height;
}

static void
cg_genogram_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (widget);

  if (self->fit)
    zoom_to_fit (self);
  else
    configure_adjustments (self);
}

/* ------------------------------------------------------------------- input */

static void
update_cursor (CgGenogramView *self)
{
  const char *name = NULL;

  if (self->dragging)
    name = "grabbing";
  else if (cg_genogram_view_person_at (self, self->pointer_x, self->pointer_y) != NULL)
    name = "pointer";
  else if (self->genogram != NULL)
    name = "grab";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
on_motion_cb (CgGenogramView           *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    update_cursor (self);
}

static gboolean
on_scroll_cb (CgGenogramView           *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || self->genogram == NULL)
    return GDK_EVENT_PROPAGATE;   /* a plain wheel scrolls the GtkScrolledWindow */

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    dy /= 20.0;   /* touchpads report pixels, not wheel clicks */

  set_fit (self, FALSE);
  zoom_around (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return GDK_EVENT_STOP;
}

static void
on_zoom_begin_cb (CgGenogramView   *self,
                  GdkEventSequence *sequence,
                  GtkGestureZoom   *gesture)
{
  self->zoom_begin = self->zoom;
  set_fit (self, FALSE);
}

static void
on_zoom_scale_changed_cb (CgGenogramView *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_around (self, self->zoom_begin * scale, x, y);
}

static void
on_drag_begin_cb (CgGenogramView *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  self->drag_begin_x = adjustment_value (self->hadjustment);
  self->drag_begin_y = adjustment_value (self->vadjustment);
  self->dragging = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (CgGenogramView *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  if (!self->dragging && hypot (offset_x, offset_y) < CLICK_SLOP)
    return;

  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      update_cursor (self);
    }

  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, self->drag_begin_x - offset_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, self->drag_begin_y - offset_y);
}

static void
on_drag_end_cb (CgGenogramView *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double start_x, start_y;
  const char *key;

  if (self->dragging)
    {
      self->dragging = FALSE;
      update_cursor (self);
      return;
    }

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  key = cg_genogram_view_person_at (self, start_x + offset_x, start_y + offset_y);
  if (key != NULL)
    {
      g_autofree char *activated = g_strdup (key);   /* the handler may replace the picture */

      g_signal_emit (self, signals[PERSON_ACTIVATED], 0, activated);
    }
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "genogram.zoom-fit"))
    {
      cg_genogram_view_set_fit (self, TRUE);
      return;
    }

  set_fit (self, FALSE);
  if (g_str_equal (action_name, "genogram.zoom-in"))
    zoom_around (self, self->zoom * ZOOM_STEP, x, y);
  else
    zoom_around (self, self->zoom / ZOOM_STEP, x, y);
}

/* ---------------------------------------------------------- GtkScrollable */

static void
set_adjustment (CgGenogramView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);

  /* GtkScrolledWindow passes NULL when it lets the view go. */
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  g_set_object (slot, adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  configure_adjustments (self);
}

/* ------------------------------------------------------------------ GObject */

static void
cg_genogram_view_dispose (GObject *object)
{
  CgGenogramView *self = (CgGenogramView *)object;

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, gtk_widget_queue_draw, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, gtk_widget_queue_draw, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->genogram, cg_genogram_unref);
  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (cg_genogram_view_parent_class)->dispose (object);
}

static void
cg_genogram_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_genogram_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CgGenogramView *self = CG_GENOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cg_genogram_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_FIT:
      cg_genogram_view_set_fit (self, g_value_get_boolean (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_genogram_view_class_init (CgGenogramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_genogram_view_dispose;
  object_class->get_property = cg_genogram_view_get_property;
  object_class->set_property = cg_genogram_view_set_property;

  widget_class->snapshot = cg_genogram_view_snapshot;
  widget_class->measure = cg_genogram_view_measure;
  widget_class->size_allocate = cg_genogram_view_size_allocate;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         MIN_ZOOM, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * CgGenogramView::person-activated:
   * @person_key: the person's id in the family
   *
   * The author clicked a person.
   */
  signals[PERSON_ACTIVATED] =
    g_signal_new ("person-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "genogram.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genogram.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "genogram.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "genogram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "genogram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "genogram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "genogram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "genogram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "genogram.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "genogram.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "genogramview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cg_genogram_view_init (CgGenogramView *self)
{
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = 1.0;
  self->fit = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  update_actions (self);
}

/* ---------------------------------------------------------------- public */

GtkWidget *
cg_genogram_view_new (void)
{
  return g_object_new (CG_TYPE_GENOGRAM_VIEW, NULL);
}

CgGenogram *
cg_genogram_view_get_genogram (CgGenogramView *self)
{
  g_return_val_if_fail (CG_IS_GENOGRAM_VIEW (self), NULL);

  return self->genogram;
}

/**
 * cg_genogram_view_set_genogram:
 *
 * Shows @genogram. When the new picture has the size of the old one (the same
 * family at another date, say) the view stays where it was; otherwise it
 * keeps the same zoom and the top left in view, or fits the picture in fit
 * mode.
 */
void
cg_genogram_view_set_genogram (CgGenogramView *self,
                               CgGenogram     *genogram)
{
  g_return_if_fail (CG_IS_GENOGRAM_VIEW (self));

  if (self->genogram == genogram)
    return;

  if (genogram != NULL)
    cg_genogram_ref (genogram);
  g_clear_pointer (&self->genogram, cg_genogram_unref);
  self->genogram = genogram;

  if (self->highlight != NULL && genogram != NULL &&
      !cg_genogram_get_person_area (genogram, self->highlight, NULL, NULL, NULL, NULL))
    g_clear_pointer (&self->highlight, g_free);

  if (self->fit)
    zoom_to_fit (self);
  else
    configure_adjustments (self);

  update_actions (self);
  update_cursor (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
cg_genogram_view_get_zoom (CgGenogramView *self)
{
  g_return_val_if_fail (CG_IS_GENOGRAM_VIEW (self), 1.0);

  return self->zoom;
}

void
cg_genogram_view_set_zoom (CgGenogramView *self,
                           double          zoom)
{
  g_return_if_fail (CG_IS_GENOGRAM_VIEW (self));

  set_fit (self, FALSE);
  zoom_around (self, zoom,
               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
cg_genogram_view_get_fit (CgGenogramView *self)
{
  g_return_val_if_fail (CG_IS_GENOGRAM_VIEW (self), FALSE);

  return self->fit;
}

void
cg_genogram_view_set_fit (CgGenogramView *self,
                          gboolean        fit)
{
  g_return_if_fail (CG_IS_GENOGRAM_VIEW (self));

  set_fit (self, fit);
  if (self->fit)
    zoom_to_fit (self);
}

void
cg_genogram_view_set_highlight (CgGenogramView *self,
                                const char     *person_key)
{
  g_return_if_fail (CG_IS_GENOGRAM_VIEW (self));

  if (g_strcmp0 (self->highlight, person_key) == 0)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (person_key);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
cg_genogram_view_person_at (CgGenogramView *self,
                            double          x,
                            double          y)
{
  double origin_x, origin_y;

  g_return_val_if_fail (CG_IS_GENOGRAM_VIEW (self), NULL);

  if (self->genogram == NULL)
    return NULL;

  sheet_origin (self, &origin_x, &origin_y);
  return cg_genogram_person_at (self->genogram,
                                (x - origin_x) / self->zoom,
                                (y - origin_y) / self->zoom);
}

void
cg_genogram_view_activate_person (CgGenogramView *self,
                                  const char     *person_key)
{
  g_autofree char *key = g_strdup (person_key);

  g_return_if_fail (CG_IS_GENOGRAM_VIEW (self));
  g_return_if_fail (person_key != NULL);

  g_signal_emit (self, signals[PERSON_ACTIVATED], 0, key);
}
