/** ControllerContext hands the one Controller to components (created in main.tsx, outside React). */
import { createContext, useContext } from 'react';
import type { Controller } from './controller';

export const ControllerContext = createContext<Controller | null>(null);

/** useController gives the Controller. @throws Error outside a ControllerContext provider. */
export function useController(): Controller {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('useController: no ControllerContext provider');
  return c;
}
