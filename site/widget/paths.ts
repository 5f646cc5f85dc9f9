/** Where the widget's files live on the help center, shared by the build and the browser code. */
import type { Locale } from '../../search-index/core/schemas.ts';

export const WIDGET_PATH = '/widget.js';
export const FALLBACK_PATH = '/widget-fallback.js';
/** The global function /widget-index/<locale>.js calls with the index. */
export const INDEX_CALLBACK = 'rahnamaWidgetIndex';
export const widgetIndexPath = (locale: Locale): string => `/widget-index/${locale}.js`;
