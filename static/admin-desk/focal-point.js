'use strict';
// The image's focal point on its picture: a click places the point, a drag marks an area
// centred on it, the arrow keys move it. Everything lands in the focal fields below the
// picture, which remain the way to set it without a pointer (and without this script).
(() => {
  const NAMES = ['focal_x', 'focal_y', 'focal_width', 'focal_height'];
  // Where the picture says it without fields (a read-only page): data-focal-x and so on.
  const DATA = { focal_x: 'focalX', focal_y: 'focalY', focal_width: 'focalWidth', focal_height: 'focalHeight' };
  // A pointer that moved less than this (px) clicked; more, it dragged out an area.
  const DRAG_THRESHOLD = 6;
  const KEY_STEP = 0.01;
  const clamp = (value) => Math.min(1, Math.max(0, value));
  // Four decimals: finer than a pixel of any picture we show, short enough to read.
  const rounded = (value) => Number(value.toFixed(4));

  function start(picker) {
    const fields = Object.fromEntries(
      NAMES.map((name) => [name, document.querySelector(`input[name="${name}"]`)]),
    );
    const editable = NAMES.every((name) => fields[name]);
    const marker = picker.querySelector('.focal-picker__marker');
    const area = picker.querySelector('.focal-picker__area');
    const picture = picker.querySelector('img');

    const read = () => {
      const value = (name) => {
        const raw = editable ? fields[name].value : picker.dataset[DATA[name]];
        const number = raw === '' || raw === undefined ? NaN : Number(raw);
        return Number.isFinite(number) ? number : null;
      };
      return { x: value('focal_x'), y: value('focal_y'), width: value('focal_width'), height: value('focal_height') };
    };

    const show = () => {
      const { x, y, width, height } = read();
      const placed = x !== null && y !== null;
      marker.hidden = !placed;
      if (placed) {
        marker.style.left = `${clamp(x) * 100}%`;
        marker.style.top = `${clamp(y) * 100}%`;
      }
      const hasArea = placed && width > 0 && height > 0;
      area.hidden = !hasArea;
      if (hasArea) {
        area.style.left = `${(x - width / 2) * 100}%`;
        area.style.top = `${(y - height / 2) * 100}%`;
        area.style.width = `${width * 100}%`;
        area.style.height = `${height * 100}%`;
      }
    };

    const write = (values) => {
      for (const [name, value] of Object.entries(values)) {
        fields[name].value = value === null ? '' : String(value);
        fields[name].dispatchEvent(new Event('change', { bubbles: true }));
      }
      show();
    };

    show();
    if (!editable) return;

    picker.tabIndex = 0;
    picker.setAttribute('role', 'group');
    picker.setAttribute(
      'aria-label',
      'Focal point: click to place it, drag to mark an area, or use the arrow keys',
    );
    picker.classList.add('focal-picker--editable');

    const reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'button focal-picker__reset';
    reset.textContent = 'Use the centre';
    reset.addEventListener('click', () =>
      write({ focal_x: null, focal_y: null, focal_width: null, focal_height: null }),
    );
    picker.after(reset);

    const fraction = (event) => {
      const box = picture.getBoundingClientRect();
      return {
        x: clamp((event.clientX - box.left) / box.width),
        y: clamp((event.clientY - box.top) / box.height),
      };
    };

    let pressed = null;
    picker.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault(); // no native image drag
      picker.setPointerCapture(event.pointerId);
      pressed = { clientX: event.clientX, clientY: event.clientY, at: fraction(event) };
    });
    const dragged = (event) =>
      pressed &&
      Math.hypot(event.clientX - pressed.clientX, event.clientY - pressed.clientY) >= DRAG_THRESHOLD;
    const areaTo = (event) => {
      const to = fraction(event);
      // Corners rounded first, then centre and size from them: the area never pokes past
      // the picture's edge by a rounding.
      const left = rounded(Math.min(pressed.at.x, to.x));
      const right = rounded(Math.max(pressed.at.x, to.x));
      const top = rounded(Math.min(pressed.at.y, to.y));
      const bottom = rounded(Math.max(pressed.at.y, to.y));
      return {
        focal_x: (left + right) / 2,
        focal_y: (top + bottom) / 2,
        focal_width: rounded(right - left),
        focal_height: rounded(bottom - top),
      };
    };
    picker.addEventListener('pointermove', (event) => {
      if (dragged(event)) write(areaTo(event));
    });
    picker.addEventListener('pointerup', (event) => {
      if (!pressed) return;
      if (dragged(event)) {
        write(areaTo(event));
      } else {
        const { x, y } = fraction(event);
        write({ focal_x: rounded(x), focal_y: rounded(y), focal_width: null, focal_height: null });
      }
      pressed = null;
    });
    picker.addEventListener('pointercancel', () => {
      pressed = null;
    });

    const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    picker.addEventListener('keydown', (event) => {
      const move = MOVES[event.key];
      if (!move) return;
      event.preventDefault();
      const { x, y, width, height } = read();
      const halfWidth = (width || 0) / 2;
      const halfHeight = (height || 0) / 2;
      const step = event.shiftKey ? KEY_STEP * 10 : KEY_STEP;
      const within = (value, half) => Math.min(1 - half, Math.max(half, value));
      write({
        focal_x: rounded(within((x ?? 0.5) + move[0] * step, halfWidth)),
        focal_y: rounded(within((y ?? 0.5) + move[1] * step, halfHeight)),
      });
    });

    for (const name of NAMES) fields[name].addEventListener('input', show);
  }

  const begin = () => document.querySelectorAll('.focal-picker').forEach(start);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', begin);
  } else {
    begin();
  }
})();
