import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ServiceFlowNode, ServiceNodeData, ServiceStatus } from '../flowTypes';
import { NodeMenu } from './NodeMenu';
import { ExperimentButton } from './ExperimentButton';

const STATUS_TEXT: Record<ServiceStatus, string> = {
  up: 'up',
  crashed: 'crashed',
  closed: 'stopped',
};

/** What being up or down means for the calls it takes part in. */
function statusDetail(data: ServiceNodeData): string | null {
  if (data.status === 'up') return data.serves.length === 0 ? null : 'answers calls';
  return data.serves.length === 0 ? 'makes no calls' : 'calls to it time out';
}

/** The status line: the same on both faces. */
function Status({ data, className = '' }: { data: ServiceNodeData; className?: string }) {
  const detail = statusDetail(data);
  return (
    <p className={`status status--${data.status === 'up' ? 'running' : data.status}${className === '' ? '' : ` ${className}`}`}>
      <span className="status__dot" aria-hidden="true" />
      <span>
        {STATUS_TEXT[data.status]}
        {detail !== null && <span className="face__muted"> · {detail}</span>}
      </span>
    </p>
  );
}

/**
 * The learner's Crash or Start again. The engine models the service as a consumer instance, and the
 * buttons keep a consumer's accessible names ("Crash consumer fraud-rest"), as elsewhere in the app.
 */
function ExperimentButtons({ data, className, dangerClass }: { data: ServiceNodeData; className: string; dangerClass: string }) {
  return data.experiments.map((x) => <ExperimentButton key={x.label} experiment={x} actorLabel={`consumer ${data.clientId}`} className={className} dangerClass={dangerClass} />);
}

/**
 * A service that is not a Kafka client (a scenario's `http` services): a process that answers
 * synchronous calls or not. No group, no partitions, no lag: those would be false for an HTTP service.
 */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const isDown = data.status !== 'up';
  const classes = `node node--service node--${isDown ? data.status : 'up'}${data.isActive ? ' node--active' : ''}`;
  const menu = <NodeMenu actorLabel={`service ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'consumer', clientId: data.clientId }} />;
  if (data.detail === 'compact') {
    return (
      <article className={`${classes} node--face`}>
        <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
        <header className="face__header">
          <h3 className="face__title">{data.clientId}</h3>
          {menu}
        </header>
        <p className="face__line face__muted">HTTP service</p>
        <Status data={data} className="face__line" />
        {data.counts !== null && (
          <p className="face__line service__counts" title="requests it answered, and requests that failed">
            <span>{data.counts.answered} answered</span>
            <span className={data.counts.failed > 0 ? 'service__failed' : undefined}>· {data.counts.failed} failed</span>
          </p>
        )}
        <ExperimentButtons data={data} className="face__action" dangerClass="face__action--danger" />
        <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
      </article>
    );
  }
  return (
    <article className={classes}>
      <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
      <header className="node__header">
        <span className="node__kind">HTTP service</span>
        <h3 className="node__title">{data.clientId}</h3>
        {menu}
      </header>
      <Status data={data} />
      <dl className="service__facts">
        {data.serves.length > 0 && (
          <div>
            <dt>serves</dt>
            <dd>{data.serves.join(', ')}</dd>
          </div>
        )}
        {data.calls.length > 0 && (
          <div>
            <dt>calls, in order</dt>
            <dd>{data.calls.join(', ')}</dd>
          </div>
        )}
        {data.counts !== null && (
          <div>
            <dt>requests</dt>
            <dd>
              {data.counts.answered} answered · <span className={data.counts.failed > 0 ? 'service__failed' : undefined}>{data.counts.failed} failed</span>
            </dd>
          </div>
        )}
      </dl>
      <p className="node__hint">Not a Kafka client: an HTTP process that is up or down.</p>
      <div className="node__actions nodrag nopan">
        <ExperimentButtons data={data} className="button button--small" dangerClass="button--danger" />
      </div>
      <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
    </article>
  );
});
