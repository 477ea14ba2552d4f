/** /preview: the task pane in a plain browser, on the preview host (sample mailbox and document, no Office). */
import { createRoot } from 'react-dom/client';
import { PreviewWorkspace } from '../hosts/preview';
import { browserStore } from '../hosts/types';
import { PreviewShell } from './PreviewShell';
import { Root } from './Root';

const store = browserStore();
const workspace = new PreviewWorkspace();
const host = workspace.host(store);

createRoot(document.getElementById('root')!).render(
  <Root host={host}>
    <PreviewShell workspace={workspace} store={store} />
  </Root>,
);
