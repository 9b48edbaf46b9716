export {
  HOLDINGS,
  HOLDING_LABELS,
  DiagramError,
  parseDiagram,
  readSequence,
  stepNumber,
  type Diagram,
  type DiagramStep,
  type Holding
} from './diagram';
export { diagramSourceHash } from './source-hash.js';
export { markStep } from './mark-step';
export { clampStep, parseStepParam, viewStep, type StepView } from './step';
export { withSvg, withSvgs, type DiagramData, type RenderedDiagram } from './with-svg';
