/** Wiring only: the screen stack, the terminal size and the theme; each screen does its own work. */
import { Box } from 'ink';
import { effectiveSettings } from '../domain/progress/state.js';
import { useLatestReducer } from './hooks/use-latest-reducer.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { SlotContext, useInputRouter } from './input-router.js';
import { navReducer, type Nav, type NavAction, type Route } from './navigation.js';
import { ConfirmScreen } from './screens/confirm-screen.js';
import { ExamScreen } from './screens/exam-screen.js';
import { HelpScreen } from './screens/help-screen.js';
import { HistoryScreen } from './screens/history-screen.js';
import { HomeScreen } from './screens/home-screen.js';
import { SettingsScreen } from './screens/settings-screen.js';
import { StatsScreen } from './screens/stats-screen.js';
import { StudyScreen } from './screens/study-screen.js';
import type { ScreenProps } from './screen-props.js';
import type { SessionDeps } from './session-deps.js';
import { makeTheme } from './theme.js';

export interface AppProps {
  readonly deps: SessionDeps;
  readonly first: Route;
  readonly exit: (code: number) => void;
}

export function App({ deps, first, exit }: AppProps) {
  const [stack, dispatchNav, latestStack] = useLatestReducer(navReducer, (): readonly Route[] => [first]);
  const router = useInputRouter(0);
  const dispatch = (action: NavAction) => {
    dispatchNav(action);
    router.setTop(latestStack().length - 1);
  };
  const { columns, rows } = useTerminalSize();
  const theme = makeTheme(effectiveSettings(deps.port.state).theme, deps.colour);
  const nav: Nav = {
    push: (route) => dispatch({ type: 'push', route }),
    pop: () => dispatch({ type: 'pop' }),
    back: () => (latestStack().length > 1 ? dispatch({ type: 'pop' }) : exit(0)),
    exit,
  };
  const props: ScreenProps = { deps, nav, theme, columns, rows, active: true };
  // Every screen in the stack stays mounted, so going back finds it as it was (a study session,
  // an exam and its clock under a dialog); only the top one is shown and reads keys.
  return (
    <>
      {stack.map((route, i) => {
        const isTop = i === stack.length - 1;
        return (
          <Box key={i} display={isTop ? 'flex' : 'none'} flexDirection="column">
            <SlotContext.Provider value={{ router, slot: i }}>{renderRoute(route, { ...props, active: isTop })}</SlotContext.Provider>
          </Box>
        );
      })}
    </>
  );
}

function renderRoute(route: Route, p: ScreenProps) {
  switch (route.name) {
    case 'home':
      return <HomeScreen {...p} />;
    case 'study':
      return <StudyScreen {...p} mode={route.mode} {...(route.topics ? { topics: route.topics } : {})} />;
    case 'exam':
      return <ExamScreen {...p} />;
    case 'stats':
      return <StatsScreen {...p} />;
    case 'history':
      return <HistoryScreen {...p} />;
    case 'settings':
      return <SettingsScreen {...p} />;
    case 'help':
      return <HelpScreen {...p} screen={route.screen} />;
    case 'confirm':
      return <ConfirmScreen {...p} message={route.message} onYes={route.onYes} />;
  }
}
