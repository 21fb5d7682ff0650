import type { AriaLabelConfig } from '@xyflow/react';
import type { TFunction } from '../i18n/i18n.ts';

/** React Flow's own words (controls, minimap, screen-reader hints), from the catalogue. */
export function flowAriaLabels(t: TFunction): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('flow.nodeDescription'),
    'node.a11yDescription.keyboardDisabled': t('flow.nodeDescriptionNoKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
      t('flow.nodeMoved', { direction, x, y }),
    'edge.a11yDescription.default': t('flow.edgeDescription'),
    'controls.ariaLabel': t('flow.controls'),
    'controls.zoomIn.ariaLabel': t('flow.zoomIn'),
    'controls.zoomOut.ariaLabel': t('flow.zoomOut'),
    'controls.fitView.ariaLabel': t('flow.fitView'),
    'controls.interactive.ariaLabel': t('flow.interactive'),
    'minimap.ariaLabel': t('flow.minimap'),
    'handle.ariaLabel': t('flow.handle'),
  };
}
