/**
 * Test stand-in for n8n's CLI `CredentialsHelper` (packages/cli/src/credentials-helper.ts in n8n 2.8.4)
 * and `CredentialTypes`.
 *
 * The CLI classes cannot be loaded in a unit test: they sit on the database (TypeORM repositories,
 * caches, dynamic-credential resolvers) and are not a dependency of this package. This file re-states
 * the behaviour that matters to a node, method by method, after reading the 2.8.4 source:
 *
 * - `authenticate`: a function `authenticate` on the credential type is awaited with
 *   (credentials, requestOptions); the generic form `{ type: 'generic', properties: { headers, qs,
 *   body, auth } }` writes every key/value into `requestOptions[outer][key]`, resolving `={{ }}`
 *   expressions (keys and values) with `$credentials` through the workflow's real Expression engine in
 *   mode 'internal'; a falsy result becomes '' and everything else is `toString()`-ed. `headers` is
 *   always created.
 * - `preAuthentication`: only for credential types with a hidden `expirable` property; calls the
 *   type's `preAuthentication` when the property is empty, when the request got a 401
 *   (`credentialsExpired`), or in the credential test; stores the result like n8n does.
 *   (n8n defines the method for every credential type, which is why `httpRequestWithAuthentication`
 *   re-sends every request that got a 401.)
 * - `getDecrypted`: the stored credential is encrypted and decrypted with n8n-core's real
 *   `Credentials`/`Cipher`, then defaults of the credential's properties are added
 *   (`NodeHelpers.getNodeParameters`) and expressions are resolved, exactly as
 *   `applyDefaultsAndOverwrites` does. Not modelled: credential overwrites, external secrets,
 *   dynamic (resolvable) credentials - none exist in a test.
 */
import { Credentials, getAdditionalKeys, UnrecognizedCredentialTypeError } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	ICredentialsHelper,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/**
 * n8n 2.8.4's package loader (LoadNodesAndCredentials.postProcessLoaders) appends two properties to
 * every credential type that has `authenticate` (or `genericAuth`, or extends an OAuth type), so the
 * HTTP Request node can restrict domains. Their defaults then show up in the data a node gets from
 * `getCredentials()` (`allowedHttpRequestDomains: 'all'`). Same here, on a prototype copy so the
 * test's instance is not changed.
 */
function asLoaded(type: ICredentialType): ICredentialType {
	const needsDomainFields =
		type.authenticate !== undefined ||
		type.genericAuth === true ||
		(Array.isArray(type.extends) &&
			['oAuth2Api', 'oAuth1Api', 'googleOAuth2Api'].some((parent) => type.extends!.includes(parent)));
	if (!needsDomainFields || type.properties.some((p) => p.name === 'allowedHttpRequestDomains')) return type;
	const loaded = Object.create(type) as ICredentialType;
	Object.defineProperty(loaded, 'properties', {
		enumerable: true,
		value: [
			...type.properties,
			{
				displayName: 'Allowed HTTP Request Domains',
				name: 'allowedHttpRequestDomains',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Specific Domains', value: 'domains' },
					{ name: 'None', value: 'none' },
				],
				default: 'all',
			},
			{
				displayName: 'Allowed Domains',
				name: 'allowedDomains',
				type: 'string',
				default: '',
				displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
			},
		] satisfies INodeProperties[],
	});
	return loaded;
}

/** Like n8n's CredentialTypes (backed by the loaded package), backed by the instances a test passes. */
export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[] = [],
		private readonly nodeTypes: INodeType[] = [],
		private readonly nodeTypeName: (nodeType: INodeType) => string = (n) => n.description.name,
	) {
		for (const type of credentialTypes) this.types.set(type.name, asLoaded(type));
	}

	recognizes(type: string): boolean {
		return this.types.has(type);
	}

	getByName(type: string): ICredentialType {
		const found = this.types.get(type);
		if (!found) throw new UnrecognizedCredentialTypeError(type);
		return found;
	}

	/** Names of the node types whose description lists this credential (n8n: `supportedNodes`). */
	getSupportedNodes(type: string): string[] {
		return this.nodeTypes
			.filter((n) => (n.description.credentials ?? []).some((c) => c.name === type))
			.map((n) => this.nodeTypeName(n));
	}

	getParentTypes(typeName: string): string[] {
		const direct = this.types.get(typeName)?.extends ?? [];
		const all = [...direct];
		for (const parent of direct) all.push(...this.getParentTypes(parent));
		return all;
	}
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** Encrypted with the instance key, like the `data` column of n8n's credentials table. */
	data: string;
}

/** Minimal node-type registry for the internal "mock" workflow n8n uses to resolve expressions. */
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: (type: string) =>
		(type === 'mock' ? { description: { properties: [] } } : undefined) as unknown as INodeType,
	getByNameAndVersion: (type: string) => {
		if (type !== 'mock') throw new UnexpectedError('Unknown node type', { tags: { nodeType: type } });
		return { description: { properties: [] } } as unknown as INodeType;
	},
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, StoredCredential>();

	constructor(readonly credentialTypes: HarnessCredentialTypes) {
		super();
	}

	/** Saves a credential (encrypted with the real Cipher) and returns the reference a node holds. */
	addCredential(type: string, data: ICredentialDataDecryptedObject, id = `cred-${type}`): INodeCredentialsDetails {
		const name = `${type} account`;
		const credentials = new Credentials({ id, name }, type);
		credentials.setData(data);
		this.store.set(id, { id, name, type, data: credentials.getDataToSave().data ?? '' });
		return { id, name };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [rawKey, rawValue] of Object.entries(entries as Record<string, unknown>)) {
					const key = this.resolveValue(rawKey, { $credentials: credentials }, workflow, node);
					const value = this.resolveValue(rawValue, { $credentials: credentials }, workflow, node);
					target[section] ??= {};
					target[section][String(key)] = value;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		const isCredentialTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		const merged = Object.assign(credentials, output);
		await this.updateCredentials(node.credentials[credentialType.name], credentialType.name, merged);
		return merged;
	}

	/** n8n: non-expressions pass through; expressions resolve in mode 'internal'; falsy -> ''. */
	private resolveValue(value: unknown, additionalKeys: IDataObject, workflow: Workflow, node: INode): unknown {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!resolved) return '';
		return resolved.toString();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = this.find(nodeCredentials, type);
		return new Credentials({ id: stored.id, name: stored.name }, stored.type, stored.data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		const data = new Credentials({ id: stored.id, name: stored.name }, stored.type, stored.data).getData();
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = (NodeHelpers.getNodeParameters(properties, original as INodeParameters, true, false, null, null) ??
			{}) as ICredentialDataDecryptedObject;
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if ((key === 'oauthTokenData' || data[key] === undefined) && original[key] !== undefined) {
				data[key] = original[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as never,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [{ ...mockNode }],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			data = workflow.expression.getComplexParameterValue(
				mockNode,
				data as never,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type);
		credentials.setData(data);
		stored.data = credentials.getDataToSave().data ?? '';
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type, stored.data);
		credentials.updateData({ oauthTokenData: data.oauthTokenData });
		stored.data = credentials.getDataToSave().data ?? '';
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UnexpectedError('Found credential with no ID.', {
				extra: { credentialName: nodeCredentials.name },
				tags: { credentialType: type },
			});
		}
		const stored = this.store.get(nodeCredentials.id);
		if (!stored || stored.type !== type) {
			throw new Error(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return stored;
	}
}
