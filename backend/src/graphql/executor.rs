//! The schema as every transport runs it (HTTP and the WebSocket): the abuse limits
//! before a request runs, a code on every error after it.
//!
//! Why not schema extensions: as soon as a schema has one, async-graphql sends every
//! field of every answer through the extension chain (a registry look-up and a boxed
//! future per field and extension). These two checks only look at the request and the
//! response, so they wrap the schema instead and no field pays for them.

use std::sync::Arc;

use async_graphql::futures_util::stream::{self, BoxStream, StreamExt};
use async_graphql::{Data, Executor, Request, Response};

use super::PortalSchema;
use super::error::give_every_error_a_code;
use super::limits;

#[derive(Clone)]
pub struct PortalExecutor {
    schema: PortalSchema,
}

impl PortalExecutor {
    pub fn new(schema: PortalSchema) -> PortalExecutor {
        PortalExecutor { schema }
    }
}

impl Executor for PortalExecutor {
    async fn execute(&self, mut request: Request) -> Response {
        let mut response = match limits::admit(&mut request) {
            Ok(()) => self.schema.execute(request).await,
            Err(refusal) => Response::from_errors(vec![refusal]),
        };
        give_every_error_a_code(&mut response);
        response
    }

    fn execute_stream(
        &self,
        mut request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        match limits::admit(&mut request) {
            Ok(()) => self
                .schema
                .execute_stream_with_session_data(request, session_data.unwrap_or_default())
                .map(|mut response| {
                    give_every_error_a_code(&mut response);
                    response
                })
                .boxed(),
            Err(refusal) => {
                stream::once(async move { Response::from_errors(vec![refusal]) }).boxed()
            }
        }
    }
}
