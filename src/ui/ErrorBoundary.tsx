import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Called by "Restart scenario": reset whatever state made rendering fail. */
  onReset: () => void;
}

interface State {
  message: string | null;
}

/** Catches render errors at the UI boundary: shows what went wrong and a way back, never a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn('Kafka Sim caught a render error', error, info.componentStack);
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="fatal" role="alert">
        <h2>Something went wrong while drawing the simulation</h2>
        <p>{this.state.message}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            this.props.onReset();
            this.setState({ message: null });
          }}
        >
          Restart scenario
        </button>
      </div>
    );
  }
}
