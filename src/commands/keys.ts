/** The localStorage key through which a ribbon command asks the task pane to act (see src/taskpane/App.tsx). */
export const COMMAND_KEY_FOR_COMMANDS = 'aide.command';
