//! Pictures in the flow: each takes whole grid lines (its height rounded up),
//! centred across the 版心 and down its lines; one that does not fit in what
//! is left of the page goes to the next, as does one kept with a caption that
//! would not fit beside it.

use super::flow::image_slot;
use super::*;

impl Flow<'_> {
    pub(super) fn image(&mut self, im: &ImagePlan, block: usize, next_need: Option<f32>) {
        let slot = image_slot(im.height, self.geo.pitch);
        let with_next = slot
            + if im.keep_with_next {
                next_need.unwrap_or(0.0)
            } else {
                0.0
            };
        if !self.at_top()
            && (slot > self.room() + EPS
                || (with_next > self.room() + EPS && with_next <= self.geo.text_h + EPS))
        {
            self.new_page();
        }
        // The DOCX cannot start its 版记's section at a picture.
        if self.page_is_empty() {
            self.note_page_start(None);
        }
        let top = self.geo.top + self.y + (slot - im.height) / 2.0;
        let x = self.geo.left + im.x;
        self.page().items.push(Item::Image(PlacedImage {
            block,
            x,
            y: top,
            width: im.width,
            height: im.height,
            image: im.image.clone(),
        }));
        self.last_body.clear();
        self.y += slot;
    }
}
