/**
 * Ribbon function commands. `summarize` (Outlook read mode): opens the task pane and starts the role's mail
 * summary. The command runs in its own runtime, so it leaves the request in the add-in's localStorage (shared by
 * every page of the add-in's origin); the pane picks it up when it opens, or at once through the `storage` event when
 * it is already open. `Office.addin.showAsTaskpane()` opens the pane where the shared runtime is available; elsewhere
 * the manifest's ShowTaskpane button remains.
 */
import { COMMAND_KEY_FOR_COMMANDS as COMMAND_KEY } from './keys';

export async function summarize(event: Office.AddinCommands.Event): Promise<void> {
  try {
    localStorage.setItem(COMMAND_KEY, JSON.stringify({ action: 'summarize', at: Date.now() }));
    const addin = (Office as unknown as { addin?: { showAsTaskpane?: () => Promise<void> } }).addin;
    if (addin?.showAsTaskpane) await addin.showAsTaskpane();
  } catch {
    // Nothing to show from a function command: the pane, once opened, explains any problem.
  } finally {
    event.completed();
  }
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    const actions = (Office as unknown as { actions?: { associate(name: string, fn: (event: Office.AddinCommands.Event) => void): void } }).actions;
    if (actions) actions.associate('summarize', (event) => void summarize(event));
    // Older hosts look the function up by name on the global object.
    (globalThis as unknown as Record<string, unknown>).summarize = (event: Office.AddinCommands.Event) => void summarize(event);
  });
}
