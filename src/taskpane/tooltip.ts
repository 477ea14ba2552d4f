/** Fluent's Tooltip (with its positioning engine) as a chunk of its own: see `Tooltip` in lazy.tsx. */
export { Tooltip } from '@fluentui/react-components';
