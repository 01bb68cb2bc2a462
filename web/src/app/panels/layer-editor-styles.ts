// The digits' two layer editors' styles (image-layers-editor.ts, dense-layers-editor.ts),
// in the network panel's styles: the editors themselves are a lazy chunk (digits-part.ts),
// and a chunk's styles cannot join the element's shadow root by themselves.
import { css } from 'lit';

/** The two layer editors' lists (this one's and the dense layers', dense-layers-editor.ts). */
export const layerListStyles = css`
  :is(.image-layers, .dense-layers) h3 {
    font-size: 14px;
    margin: 8px 0 4px;
  }
  :is(.image-layers, .dense-layers) ol {
    margin: 0 0 6px;
    padding-left: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  :is(.image-layers, .dense-layers) li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
`;

export const imageLayersStyles = css`
  ${layerListStyles}
  .image-layers output {
    font-variant-numeric: tabular-nums;
    color: var(--muted);
  }
`;

/** The list itself is styled with the image layers' (layerListStyles, in imageLayersStyles). */
export const denseLayersStyles = css`
  .dense-layers .hint {
    margin: 0 0 4px;
  }
  .dense-layers input {
    width: 5em;
  }
  .dense-layers output {
    color: var(--muted);
  }
`;
