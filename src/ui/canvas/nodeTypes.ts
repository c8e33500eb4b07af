/** Node and edge types at module scope, as React Flow's performance guide asks (no re-creation per render). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import './nodes/nodeExtras.css';
import './canvas.css';
import { CallEdge } from './edges/CallEdge';
import { RecordEdge } from './edges/RecordEdge';
import { BrokerNode } from './nodes/BrokerNode';
import { ConsumerNode } from './nodes/ConsumerNode';
import { ProducerNode } from './nodes/ProducerNode';
import { ServiceNode } from './nodes/ServiceNode';
import { TopicNode } from './nodes/TopicNode';

export const nodeTypes: NodeTypes = { producer: ProducerNode, topic: TopicNode, consumer: ConsumerNode, broker: BrokerNode, service: ServiceNode };
export const edgeTypes: EdgeTypes = { record: RecordEdge, call: CallEdge };
