/** Entry point: creates the controller (outside React), installs the e2e bridge and mounts the app. */
import '@xyflow/react/dist/style.css';
import './ui/app.css';
import './ui/controls.css';
import './ui/topology.css';
import './ui/legend.css';
import './ui/popovers.css';
// Last: the page layout, whose narrow-screen rules override the parts' own.
import './ui/layout.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installBridge } from './ui/bridge';
import { ControllerContext } from './ui/controller/context';
import { Controller } from './ui/controller/controller';

const controller = new Controller();
installBridge(controller);
controller.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
void controller.boot();
