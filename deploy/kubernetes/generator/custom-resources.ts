/**
 * Typed models of the custom resources the generator writes: only the fields it sets, named as in the operators'
 * CRDs (vendored in deploy/kubernetes/schemas/, where validate.ts checks every object against the full schema).
 */
import type { IResourceRequirements } from 'kubernetes-models/v1';

interface Meta {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** rabbitmq.com/v1beta1 RabbitmqCluster (RabbitMQ Cluster Operator v2.22.3). */
export interface RabbitmqCluster {
  apiVersion: 'rabbitmq.com/v1beta1';
  kind: 'RabbitmqCluster';
  metadata: Meta;
  spec: {
    replicas: number;
    image?: string;
    resources: IResourceRequirements;
    persistence: { storage: string; storageClassName?: string };
    rabbitmq?: { additionalConfig?: string; additionalPlugins?: string[] };
  };
}

/** postgresql.cnpg.io/v1 Cluster (CloudNativePG v1.30.0). */
export interface PostgresCluster {
  apiVersion: 'postgresql.cnpg.io/v1';
  kind: 'Cluster';
  metadata: Meta;
  spec: {
    instances: number;
    imageName?: string;
    storage: { size: string; storageClass?: string };
    resources: IResourceRequirements;
    bootstrap: { initdb: { database: string; owner: string } };
    postgresql?: { parameters: Record<string, string> };
  };
}

/** monitoring.coreos.com/v1 ServiceMonitor (Prometheus Operator v0.93.0). */
export interface ServiceMonitor {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'ServiceMonitor';
  metadata: Meta;
  spec: {
    selector: { matchLabels: Record<string, string> };
    endpoints: {
      port: string;
      path?: string;
      interval?: string;
      honorLabels?: boolean;
      relabelings?: { action?: 'replace'; targetLabel: string; replacement: string }[];
    }[];
  };
}

/** monitoring.coreos.com/v1 PrometheusRule (Prometheus Operator v0.93.0). */
export interface PrometheusRule {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'PrometheusRule';
  metadata: Meta;
  spec: { groups: { name: string; interval?: string; rules: Record<string, unknown>[] }[] };
}

/** monitoring.coreos.com/v1 Prometheus (Prometheus Operator v0.93.0). */
export interface Prometheus {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'Prometheus';
  metadata: Meta;
  spec: {
    replicas: number;
    image?: string;
    version?: string;
    serviceAccountName: string;
    podMetadata: { labels: Record<string, string> };
    serviceMonitorSelector: { matchLabels: Record<string, string> };
    ruleSelector: { matchLabels: Record<string, string> };
    enableRemoteWriteReceiver: boolean;
    enableFeatures?: string[];
    retention: string;
    resources: IResourceRequirements;
  };
}

/** k6.io/v1alpha1 TestRun (k6-operator v1.6.0). */
export interface TestRun {
  apiVersion: 'k6.io/v1alpha1';
  kind: 'TestRun';
  metadata: Meta;
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments?: string;
    separate?: boolean;
    cleanup?: 'post';
    runner: {
      image?: string;
      env: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
      resources: IResourceRequirements;
      metadata?: { labels: Record<string, string> };
    };
  };
}
