// The body editor's "Gallery" button and block (articles/admin/widgets.py, media/galleries.py).
// A gallery is stored as <figure data-gallery=""> holding one <figure data-image="ID"> per
// library image, with an optional caption for this story. Pictures are picked the way the lead
// image is: by their words, through the admin's autocomplete, seen as thumbnails from the image
// library's thumbnail address.
import { Node, crel, gettext } from "django-prose-editor/editor"

const itemsFrom = (element) =>
  [...element.children]
    .filter((child) => child.matches("figure[data-image]"))
    .map((child) => ({
      id: child.getAttribute("data-image"),
      caption: child.querySelector("figcaption")?.textContent.trim() || "",
    }))
    .filter((item) => /^[1-9][0-9]{0,9}$/.test(item.id))

const thumbnails = new Map()
const thumbnail = (url, id) => {
  if (!thumbnails.has(id)) {
    thumbnails.set(
      id,
      fetch(url.replace("/0/", `/${encodeURIComponent(id)}/`), {
        headers: { Accept: "application/json" },
      }).then((response) => (response.ok ? response.json() : null)),
    )
  }
  return thumbnails.get(id)
}

const searchImages = async (url, term) => {
  const query = new URLSearchParams({
    term,
    app_label: "articles",
    model_name: "article",
    field_name: "lead_image",
  })
  const response = await fetch(`${url}?${query}`, { headers: { Accept: "application/json" } })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return (await response.json()).results
}

// A modal list of library images to choose from; resolves with the chosen ids, or [].
const pickImages = (options, parent) =>
  new Promise((resolve) => {
    const chosen = []
    const status = crel("p", { className: "desk-gallery-picker__status", role: "status" })
    const search = crel("input", {
      type: "search",
      placeholder: gettext("Words in the alt text, caption or credit"),
      "aria-label": gettext("Find pictures"),
    })
    const results = crel("ul", { className: "desk-gallery-picker__results" })
    const insert = crel("button", { type: "submit", textContent: gettext("Insert pictures") })
    const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
    const form = crel("form", { method: "dialog" }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: gettext("Gallery") }),
      search,
      status,
      results,
      crel("div", { className: "prose-editor-dialog-buttons" }, [insert, cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog desk-gallery-picker" }, [form])
    const count = () => {
      insert.disabled = chosen.length === 0
      insert.textContent = chosen.length
        ? `${gettext("Insert pictures")} (${chosen.length})`
        : gettext("Insert pictures")
    }
    const show = async (term) => {
      let found
      try {
        found = await searchImages(options.searchUrl, term)
      } catch {
        status.textContent = gettext("The image library did not answer. Try again.")
        return
      }
      if (search.value !== term) return
      status.textContent = found.length ? "" : gettext("No picture matches these words.")
      results.replaceChildren(
        ...found.map(({ id, text }) => {
          const button = crel("button", {
            type: "button",
            className: "desk-gallery-picker__choice",
            "aria-pressed": String(chosen.includes(String(id))),
          })
          button.dataset.image = id
          const label = crel("span", { textContent: text })
          button.append(label)
          thumbnail(options.thumbnailUrl, String(id)).then((picture) => {
            if (picture) button.prepend(crel("img", { src: picture.src, alt: "", width: 120 }))
          })
          button.addEventListener("click", () => {
            const at = chosen.indexOf(String(id))
            if (at === -1) chosen.push(String(id))
            else chosen.splice(at, 1)
            button.setAttribute("aria-pressed", String(at === -1))
            count()
          })
          return crel("li", {}, [button])
        }),
      )
    }
    let timer
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(() => show(search.value), 250)
    })
    cancel.addEventListener("click", () => dialog.close())
    insert.addEventListener("click", (event) => {
      event.preventDefault()
      const ids = [...chosen]
      dialog.close()
      resolve(ids)
    })
    dialog.addEventListener("close", () => {
      dialog.remove()
      resolve([])
    })
    parent.append(dialog)
    count()
    dialog.showModal()
    show("")
  })

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { searchUrl: "", thumbnailUrl: "" }
  },

  addAttributes() {
    return {
      items: {
        default: [],
        parseHTML: itemsFrom,
        renderHTML: () => ({}),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-gallery]", priority: 100 }]
  },

  renderHTML({ node }) {
    return [
      "figure",
      { "data-gallery": "" },
      ...node.attrs.items.map(({ id, caption }) => [
        "figure",
        { "data-image": String(id) },
        ...(caption ? [["figcaption", {}, caption]] : []),
      ]),
    ]
  },

  addNodeView() {
    const { options, editor } = this
    return ({ node, getPos }) => {
      let items = node.attrs.items
      const dom = crel("div", { className: "desk-gallery", "data-gallery-block": "" })
      const write = (next) => {
        items = next
        const position = getPos()
        if (typeof position !== "number") return
        editor.view.dispatch(
          editor.view.state.tr.setNodeMarkup(position, undefined, { items: next }),
        )
      }
      const render = () => {
        const list = crel("ol", { className: "desk-gallery__items" })
        items.forEach((item, index) => {
          const caption = crel("input", {
            type: "text",
            value: item.caption,
            "aria-label": `${gettext("Caption in this story, picture")} ${index + 1}`,
            placeholder: gettext("The image's own caption"),
          })
          caption.addEventListener("change", () => {
            write(items.map((old, at) => (at === index ? { ...old, caption: caption.value } : old)))
          })
          const move = (step) => () => {
            const next = [...items]
            const [moved] = next.splice(index, 1)
            next.splice(Math.max(0, Math.min(next.length, index + step)), 0, moved)
            write(next)
            render()
          }
          const earlier = crel("button", { type: "button", textContent: "←", title: gettext("Earlier") })
          earlier.setAttribute("aria-label", `${gettext("Move earlier, picture")} ${index + 1}`)
          earlier.disabled = index === 0
          earlier.addEventListener("click", move(-1))
          const later = crel("button", { type: "button", textContent: "→", title: gettext("Later") })
          later.setAttribute("aria-label", `${gettext("Move later, picture")} ${index + 1}`)
          later.disabled = index === items.length - 1
          later.addEventListener("click", move(1))
          const remove = crel("button", { type: "button", textContent: gettext("Remove") })
          remove.setAttribute("aria-label", `${gettext("Remove picture")} ${index + 1}`)
          remove.addEventListener("click", () => {
            write(items.filter((_, at) => at !== index))
            render()
          })
          const frame = crel("div", { className: "desk-gallery__thumb" })
          const entry = crel("li", { className: "desk-gallery__item" }, [
            frame,
            caption,
            crel("div", { className: "desk-gallery__tools" }, [earlier, later, remove]),
          ])
          entry.dataset.image = item.id
          thumbnail(options.thumbnailUrl, item.id).then((picture) => {
            if (picture) {
              frame.append(crel("img", { src: picture.src, alt: picture.alt, width: 160 }))
              caption.placeholder = picture.caption || gettext("No caption in the library")
            } else {
              entry.classList.add("desk-gallery__item--missing")
              frame.append(
                crel("p", {
                  role: "alert",
                  textContent: `${gettext("Picture")} #${item.id} ${gettext(
                    "is no longer in the image library: readers do not see it. Remove it or pick another.",
                  )}`,
                }),
              )
            }
          })
          list.append(entry)
        })
        const add = crel("button", { type: "button", textContent: gettext("Add pictures") })
        add.addEventListener("click", async () => {
          const ids = await pickImages(options, editor.view.dom.parentElement)
          if (ids.length) {
            write([...items, ...ids.map((id) => ({ id, caption: "" }))])
            render()
          }
        })
        dom.replaceChildren(
          crel("p", {
            className: "desk-gallery__title",
            textContent: `${gettext("Gallery")}: ${items.length} ${gettext(items.length === 1 ? "picture" : "pictures")}`,
          }),
          list,
          add,
        )
      }
      render()
      return {
        dom,
        update(updated) {
          if (updated.type.name !== "gallery") return false
          if (JSON.stringify(updated.attrs.items) !== JSON.stringify(items)) {
            items = updated.attrs.items
            render()
          }
          return true
        },
        stopEvent: (event) => dom.contains(event.target) && event.target !== dom,
        ignoreMutation: () => true,
      }
    }
  },

  addCommands() {
    return {
      insertGallery:
        () =>
        ({ editor }) => {
          pickImages(this.options, editor.view.dom.parentElement).then((ids) => {
            if (ids.length) {
              editor
                .chain()
                .focus()
                .insertContent({ type: this.name, attrs: { items: ids.map((id) => ({ id, caption: "" })) } })
                .run()
            }
          })
          return true
        },
    }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "gallery",
      groups: "nodes",
      button: buttons.text(gettext("Gallery"), gettext("Insert a photo gallery")),
      command(editor) {
        editor.commands.insertGallery()
      },
    })
  },
})
