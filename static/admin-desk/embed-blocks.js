// The body editor marks a paragraph that holds only a link to a known provider as an embed
// block (embeds/links.py decides the same on the server), labelled with the provider's name.
import { Decoration, Extension } from 'django-prose-editor/editor';

function matcher(providers) {
  // The patterns are Python's; JavaScript names its groups (?<name>…), not (?P<name>…).
  return providers.map((provider) => ({
    label: provider.label,
    patterns: provider.patterns.map((pattern) => new RegExp(`^(?:${pattern.replaceAll('(?P<', '(?<')})$`)),
  }));
}

export const EmbedLinks = Extension.create({
  name: 'EmbedLinks',

  addOptions() {
    return { providers: [] };
  },

  addDecorations() {
    const providers = matcher(this.options.providers);
    return {
      create: ({ state }) => {
        const found = [];
        state.doc.forEach((node, offset) => {
          if (node.type.name !== 'paragraph' || node.childCount !== 1) return;
          const link = node.firstChild.marks.find((mark) => mark.type.name === 'link');
          const href = link && link.attrs.href;
          const provider = href && providers.find((p) => p.patterns.some((re) => re.test(href)));
          if (provider) {
            found.push(Decoration.Node(offset, offset + node.nodeSize, {
              class: 'desk-embed-block',
              'data-embed-provider': `${provider.label} embed`,
            }));
          }
        });
        return found;
      },
    };
  },
});
